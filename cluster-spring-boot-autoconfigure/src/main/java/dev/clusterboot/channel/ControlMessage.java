package dev.clusterboot.channel;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message on the control channel between the master and a worker. Each message is one
 * line of JSON whose {@code type} field names the kind of message.
 *
 * @author cluster-spring-boot-starter
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ControlMessage.Hello.class, name = "hello"),
		@JsonSubTypes.Type(value = ControlMessage.Heartbeat.class, name = "heartbeat"),
		@JsonSubTypes.Type(value = ControlMessage.StatusRequest.class, name = "status-request"),
		@JsonSubTypes.Type(value = ControlMessage.StatusReply.class, name = "status-reply") })
public sealed interface ControlMessage {

	/**
	 * First message of a worker's connection: which slot and process it is.
	 *
	 * @param worker the slot id from {@link ClusterRole#WORKER_ID_VARIABLE}
	 * @param pid the worker's process id
	 */
	record Hello(int worker, long pid) implements ControlMessage {
	}

	/**
	 * Sent by a worker at a fixed interval and whenever its readiness changes.
	 *
	 * @param ready whether the application accepts traffic
	 * @param health the worker's own health status
	 */
	record Heartbeat(boolean ready, String health) implements ControlMessage {
	}

	/**
	 * Asks the master for the cluster's status, on a connection of its own.
	 */
	record StatusRequest() implements ControlMessage {
	}

	/**
	 * The master's answer to a {@link StatusRequest}.
	 *
	 * @param status the cluster's status
	 */
	record StatusReply(ClusterStatus status) implements ControlMessage {
	}

}
