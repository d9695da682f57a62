package dev.clusterboot.channel;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.ClusterRole;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.WorkerReport;

/**
 * A message on the channel: between the master and a worker on the master's control
 * socket, or between two workers on a worker's scrape socket. Each message is one line of
 * JSON whose {@code type} field names the kind of message.
 *
 * @author cluster-spring-boot-starter
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ControlMessage.Hello.class, name = "hello"),
		@JsonSubTypes.Type(value = ControlMessage.Heartbeat.class, name = "heartbeat"),
		@JsonSubTypes.Type(value = ControlMessage.StateWarnings.class, name = "state-warnings"),
		@JsonSubTypes.Type(value = ControlMessage.StatusRequest.class, name = "status-request"),
		@JsonSubTypes.Type(value = ControlMessage.StatusReply.class, name = "status-reply"),
		@JsonSubTypes.Type(value = ControlMessage.RollingRestartRequest.class, name = "rolling-restart-request"),
		@JsonSubTypes.Type(value = ControlMessage.ScaleRequest.class, name = "scale-request"),
		@JsonSubTypes.Type(value = ControlMessage.Drain.class, name = "drain"),
		@JsonSubTypes.Type(value = ControlMessage.Join.class, name = "join"),
		@JsonSubTypes.Type(value = ControlMessage.ScrapeRequest.class, name = "scrape-request"),
		@JsonSubTypes.Type(value = ControlMessage.ScrapeReply.class, name = "scrape-reply"),
		@JsonSubTypes.Type(value = ControlMessage.GrantLeadership.class, name = "grant-leadership"),
		@JsonSubTypes.Type(value = ControlMessage.RevokeLeadership.class, name = "revoke-leadership"),
		@JsonSubTypes.Type(value = ControlMessage.SharedLock.class, name = "shared-lock"),
		@JsonSubTypes.Type(value = ControlMessage.Send.class, name = "send"),
		@JsonSubTypes.Type(value = ControlMessage.Deliver.class, name = "deliver"),
		@JsonSubTypes.Type(value = SteeringMessage.PortJoined.class, name = "port-joined"),
		@JsonSubTypes.Type(value = SteeringMessage.PortLeft.class, name = "port-left"),
		@JsonSubTypes.Type(value = SteeringMessage.Load.class, name = "load"),
		@JsonSubTypes.Type(value = SteeringMessage.Steer.class, name = "steer"),
		@JsonSubTypes.Type(value = SteeringMessage.Steered.class, name = "steered") })
public sealed interface ControlMessage
		permits ControlMessage.Hello, ControlMessage.Heartbeat, ControlMessage.StatusRequest,
				ControlMessage.RollingRestartRequest, ControlMessage.ScaleRequest, ControlMessage.Drain, ControlMessage.Join,
				ControlMessage.StatusReply, ControlMessage.ScrapeRequest, ControlMessage.ScrapeReply,
				ControlMessage.StateWarnings, ControlMessage.GrantLeadership, ControlMessage.RevokeLeadership,
				ControlMessage.SharedLock, ControlMessage.Send, ControlMessage.Deliver, SteeringMessage {

	/**
	 * First message of a worker's connection: which slot and process it is.
	 *
	 * @param worker the slot id from {@link ClusterRole#WORKER_ID_VARIABLE}
	 * @param pid the worker's process id
	 * @param token the secret from {@link ClusterRole#LAUNCH_TOKEN_VARIABLE}, which proves
	 * that the sender is the process the master launched
	 */
	record Hello(int worker, long pid, String token) implements ControlMessage {
	}

	/**
	 * Sent by a worker at a fixed interval and whenever its readiness changes.
	 *
	 * @param report what the worker reports of itself
	 */
	record Heartbeat(WorkerReport report) implements ControlMessage {
	}

	/**
	 * Asks the master for the cluster's status, on a connection of its own.
	 */
	record StatusRequest() implements ControlMessage {
	}

	/**
	 * Asks the master, on a connection of its own, to replace every worker one at a
	 * time. Answered with a {@link StatusReply} that shows the rollout.
	 */
	record RollingRestartRequest() implements ControlMessage {
	}

	/**
	 * Asks the master, on a connection of its own, to run this many workers. Answered
	 * with a {@link StatusReply}.
	 *
	 * @param workers the desired number of workers
	 */
	record ScaleRequest(int workers) implements ControlMessage {
	}

	/**
	 * Sent by the master to a worker it is replacing or removing: leave the port's group
	 * at once, keep serving what was already accepted for the drain period, then run
	 * Boot's graceful shutdown.
	 *
	 * @param periodMillis how long to serve accepted connections before shutting down
	 * @param steerFirst a steering program that gives this worker no new connections, to
	 * attach to the port's group before leaving it (four numbers an instruction, as in
	 * {@link SteeringMessage.Steer}), or {@code null} without steering
	 */
	record Drain(long periodMillis, int @Nullable [] steerFirst) implements ControlMessage {

		/**
		 * A drain without a steering program to attach first.
		 * @param periodMillis how long to serve what was accepted before the graceful
		 * shutdown
		 */
		public Drain(long periodMillis) {
			this(periodMillis, null);
		}

	}

	/**
	 * Sent by the master to a standby it promotes: join the shared port's group now and
	 * report at once; from now on the standby serves the slot it names.
	 *
	 * @param worker the slot id the standby now serves
	 */
	record Join(int worker) implements ControlMessage {
	}

	/**
	 * The master's answer to a {@link StatusRequest}, a {@link RollingRestartRequest} or a
	 * {@link ScaleRequest}.
	 *
	 * @param status the cluster's status
	 * @param refused why the master refused the command, or {@code null}
	 */
	record StatusReply(ClusterStatus status, @Nullable String refused) implements ControlMessage {
	}

	/**
	 * Asks a worker, on a connection to its scrape socket, for its own Prometheus scrape.
	 * Answered with a {@link ScrapeReply}.
	 *
	 * @param format the name of Boot's {@code PrometheusOutputFormat} to write
	 * @param includedNames the only meters to include, or {@code null} for all
	 */
	record ScrapeRequest(String format, @Nullable Set<String> includedNames) implements ControlMessage {
	}

	/**
	 * A worker's answer to a {@link ScrapeRequest}.
	 *
	 * @param text the scrape, in the format that was asked for
	 */
	record ScrapeReply(String text) implements ControlMessage {
	}

	/**
	 * Sent once by a worker whose context is ready: the state it found that it keeps on
	 * its own, for the master to warn about once for the whole cluster.
	 *
	 * @param warnings what the worker found, none silenced
	 */
	record StateWarnings(List<StateWarning> warnings) implements ControlMessage {
	}

	/**
	 * Sent by the master to the serving worker it names the cluster's leader: from now on
	 * leader-only {@code @Scheduled} methods run on this worker. Sent again to a new
	 * leader whenever leadership moves.
	 */
	record GrantLeadership() implements ControlMessage {
	}

	/**
	 * Sent by the master to the leader, before it grants leadership to another worker, when
	 * the leader is drained (rolling restart, recycling, scaling down, the stop) or declared
	 * hung: this worker is no longer the leader.
	 */
	record RevokeLeadership() implements ControlMessage {
	}

	/**
	 * Sent by the host's leader to its master, with {@code cluster.leadership.lock} set,
	 * when it takes the shared lock (and leads across hosts) or no longer holds it (lost,
	 * lease ran out, released): what {@code /actuator/cluster} shows of the lead across
	 * hosts.
	 *
	 * @param held whether the leader holds the lock now
	 */
	record SharedLock(boolean held) implements ControlMessage {
	}

	/**
	 * Sent by a worker to the master: pass a message to other workers. The master answers
	 * nothing; it {@link Deliver delivers} the message or counts it as dropped.
	 *
	 * @param to the id of the one worker to deliver to, or {@code null} for every worker
	 * but the sender
	 * @param payloadType the name of the message's class
	 * @param payload the message, as JSON written by the application's mapper
	 */
	record Send(@Nullable Integer to, String payloadType, String payload) implements ControlMessage {
	}

	/**
	 * Sent by the master to a worker: a message that another worker {@link Send sent}.
	 *
	 * @param from the id of the worker that sent it
	 * @param payloadType the name of the message's class
	 * @param payload the message, as JSON written by the sender's mapper
	 */
	record Deliver(int from, String payloadType, String payload) implements ControlMessage {
	}

}
