package dev.clusterboot.steering.weighing;

/**
 * Why a worker in the port's group gets no new connections. When several apply, the
 * first in this order is the one shown.
 *
 * @author cluster-spring-boot-starter
 */
public enum ExclusionReason {

	/**
	 * The worker sent no report for longer than the unresponsive threshold: it is paused or
	 * frozen. It takes connections again as soon as a report comes; killing it is not
	 * steering's job.
	 */
	UNRESPONSIVE,

	/**
	 * The worker is draining or leaving: it finishes what it has and takes nothing new.
	 */
	DRAINING,

	/**
	 * The worker says that the application does not accept traffic.
	 */
	NOT_READY,

	/**
	 * The worker has requests in flight but completed none for longer than the stall
	 * threshold: its request threads are stuck while its heartbeat still flows.
	 */
	STALLED

}
