package dev.clusterboot.api;

/**
 * Sends an object to the other workers of the cluster, through the master. The object is
 * written as JSON with the application's Jackson {@code JsonMapper} and, on each worker
 * that receives it, read back into its own class and published as an ordinary
 * application event: a {@link ClusterMessageEvent}, whose payload reaches both
 * {@code @EventListener void on(MyMessage message)} and
 * {@code @EventListener void on(ClusterMessageEvent<MyMessage> event)}, the second with
 * the {@link ClusterMessageEvent#sender() sender's} worker id.
 * <p>
 * The guarantees: at most once (a message is never repeated, and may be dropped); in
 * order per sender and receiver; a worker that is starting (not ready yet), draining or
 * gone gets nothing, and every message dropped is counted in the
 * {@code cluster.messages.dropped} meter. A message larger than
 * {@code cluster.messages.max-size} is refused with a {@link ClusterMessageTooLargeException}.
 * Sending never waits for a receiver.
 *
 * @author cluster-spring-boot-starter
 */
public interface ClusterMessages {

	/**
	 * Send a message to every other worker of the cluster, not to this one.
	 * @param message the message, which the application's {@code JsonMapper} can write
	 * and read back into its class
	 * @throws ClusterMessageTooLargeException if its JSON is larger than
	 * {@code cluster.messages.max-size}
	 * @throws IllegalArgumentException if it cannot be written as JSON
	 */
	void sendToAll(Object message);

	/**
	 * Send a message to one worker, by the id of its slot ({@code 1} to {@code N}, as in
	 * {@code /actuator/cluster}); this worker's own id delivers to itself, through the
	 * master.
	 * @param worker the receiver's id
	 * @param message the message, which the application's {@code JsonMapper} can write
	 * and read back into its class
	 * @throws ClusterMessageTooLargeException if its JSON is larger than
	 * {@code cluster.messages.max-size}
	 * @throws IllegalArgumentException if the id is not positive or the message cannot be
	 * written as JSON
	 */
	void sendTo(int worker, Object message);

	/**
	 * Return this worker's id, as other workers see it in
	 * {@link ClusterMessageEvent#sender()}.
	 * @return the id of this worker's slot
	 */
	int worker();

}
