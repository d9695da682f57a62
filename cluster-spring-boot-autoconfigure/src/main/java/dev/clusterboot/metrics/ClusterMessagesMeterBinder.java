package dev.clusterboot.metrics;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.messages.WorkerMessages;

/**
 * Binds {@value #DROPPED}, a counter per {@code reason}: messages between workers that
 * were not delivered. The reasons the master counts ({@code not-ready}, {@code draining},
 * {@code no-such-worker}, {@code queue-full}) are the whole cluster's, from the master's
 * status; {@code receiver-busy} and {@code unreadable} are this worker's, as a receiver.
 * Every reason is registered up front, so dashboards show zero rather than no data.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterMessagesMeterBinder implements MeterBinder {

	/**
	 * Name of the counter of dropped messages per reason.
	 */
	public static final String DROPPED = "cluster.messages.dropped";

	private final ClusterStatusClient client;

	private final Supplier<Map<MessageDropReason, Long>> local;

	/**
	 * Create a binder.
	 * @param client fetches the status from the master, at most once a second
	 * @param messages this worker's messages, which count its own drops
	 */
	public ClusterMessagesMeterBinder(ClusterStatusClient client, WorkerMessages messages) {
		this.client = client;
		this.local = messages::drops;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (MessageDropReason reason : MessageDropReason.values()) {
			FunctionCounter.builder(DROPPED, this, (binder) -> binder.count(reason))
				.tag("reason", reason.tagValue())
				.description("Messages between workers that were not delivered, by reason")
				.baseUnit("messages")
				.register(registry);
		}
	}

	private double count(MessageDropReason reason) {
		if (!reason.countedByMaster()) {
			return this.local.get().getOrDefault(reason, 0L);
		}
		ClusterStatus status = this.client.recent();
		return (status != null) ? status.messageDrops().getOrDefault(reason, 0L) : 0;
	}

}
