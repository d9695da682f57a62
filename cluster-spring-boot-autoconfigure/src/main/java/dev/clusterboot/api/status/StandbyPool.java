package dev.clusterboot.api.status;

import java.util.List;

/**
 * The master's standby workers ({@code cluster.standby-workers}): how many it keeps, how
 * many it has promoted into a slot, and each one now.
 *
 * @param desired how many standbys the master keeps
 * @param promotions how many standbys were promoted into a slot since the master started
 * @param standbys each standby process, oldest first; none of them serves traffic
 * @author cluster-spring-boot-starter
 */
public record StandbyPool(int desired, long promotions, List<StandbyStatus> standbys) {

	/**
	 * No standbys kept, none promoted.
	 */
	public static final StandbyPool NONE = new StandbyPool(0, 0, List.of());

	/**
	 * Count the standbys in a state.
	 * @param state the state
	 * @return how many are in it
	 */
	public long count(StandbyState state) {
		return this.standbys.stream().filter((standby) -> standby.state() == state).count();
	}

}
