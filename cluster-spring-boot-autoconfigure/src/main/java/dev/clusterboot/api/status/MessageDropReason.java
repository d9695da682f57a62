package dev.clusterboot.api.status;

import java.util.Locale;

/**
 * Why a message between workers was not delivered. Used as the bounded {@code reason} tag
 * of the {@code cluster.messages.dropped} counter. The master counts the first four for
 * the whole cluster; a receiving worker counts the last two for itself.
 *
 * @author cluster-spring-boot-starter
 */
public enum MessageDropReason {

	/**
	 * The receiver was starting (not connected or not ready yet), or waiting to be
	 * restarted.
	 */
	NOT_READY,

	/**
	 * The receiver was draining, on its way out.
	 */
	DRAINING,

	/**
	 * No worker has that id: it was never started, or the cluster was scaled down.
	 */
	NO_SUCH_WORKER,

	/**
	 * The receiver did not read fast enough and the master's queue for it was full.
	 */
	QUEUE_FULL,

	/**
	 * The receiving worker's listeners were too slow and its own queue was full.
	 */
	RECEIVER_BUSY,

	/**
	 * The receiving worker could not read the message back into its class.
	 */
	UNREADABLE;

	/**
	 * Return the lower-case, dash-separated name used in JSON, logs and metric tags.
	 * @return the tag value, for example {@code not-ready}
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Whether the master counts this reason, for the whole cluster.
	 * @return {@code true} for the reasons the master counts
	 */
	public boolean countedByMaster() {
		return this != RECEIVER_BUSY && this != UNREADABLE;
	}

}
