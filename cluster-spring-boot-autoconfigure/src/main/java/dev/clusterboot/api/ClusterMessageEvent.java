package dev.clusterboot.api;

import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.ResolvableType;

/**
 * A message from another worker, as {@link ClusterMessages} publishes it on the worker
 * that receives it. Being a {@link PayloadApplicationEvent}, it reaches a listener of the
 * payload's own type ({@code @EventListener void on(MyMessage message)}) as well as a
 * listener of this event with that type as its generic
 * ({@code @EventListener void on(ClusterMessageEvent<MyMessage> event)}), which can also
 * read the {@link #sender()}.
 *
 * @param <T> the payload's type
 * @author cluster-spring-boot-starter
 */
public class ClusterMessageEvent<T> extends PayloadApplicationEvent<T> {

	private final int sender;

	/**
	 * Create an event.
	 * @param source what publishes it
	 * @param payload the message, read back into its class
	 * @param sender the id of the worker that sent it
	 */
	public ClusterMessageEvent(Object source, T payload, int sender) {
		super(source, payload, ResolvableType.forInstance(payload));
		this.sender = sender;
	}

	/**
	 * Return the id of the worker that sent the message.
	 * @return the sender's slot id
	 */
	public int sender() {
		return this.sender;
	}

}
