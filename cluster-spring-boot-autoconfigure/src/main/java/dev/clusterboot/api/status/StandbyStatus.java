package dev.clusterboot.api.status;

/**
 * One standby worker at one moment: a process that runs the application but does not
 * serve the shared port until the master promotes it into a slot.
 *
 * @param state where it is in its life
 * @param process the process; its {@code readyAt} is when it first reported itself
 * standing by
 * @author cluster-spring-boot-starter
 */
public record StandbyStatus(StandbyState state, ProcessStatus process) {

}
