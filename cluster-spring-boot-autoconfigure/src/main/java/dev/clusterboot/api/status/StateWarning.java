package dev.clusterboot.api.status;

/**
 * One piece of state that a worker found it keeps on its own: what a cluster of more than
 * one worker warns about once at startup and lists in {@code /actuator/cluster}.
 *
 * @param kind the kind of state
 * @param found what was found, naming the bean or method; the same in every worker that
 * runs the same application, so that the master can tell a finding it already has
 * @param fix what to do about it
 * @param silencedBy the property that silences this warning when set to {@code false}
 * @author cluster-spring-boot-starter
 */
public record StateWarning(StateWarningKind kind, String found, String fix, String silencedBy) {

	/**
	 * Make a finding with its kind's fix and property.
	 * @param kind the kind of state
	 * @param found what was found
	 * @return the finding
	 */
	public static StateWarning of(StateWarningKind kind, String found) {
		return new StateWarning(kind, found, kind.fix(), kind.property());
	}

	/**
	 * Describe the finding in one line, for the master's log.
	 * @return what was found, the fix and how to silence the warning
	 */
	public String describe() {
		return this.found + ". Fix: " + this.fix + " (to silence this warning, set " + this.silencedBy + "=false)";
	}

}
