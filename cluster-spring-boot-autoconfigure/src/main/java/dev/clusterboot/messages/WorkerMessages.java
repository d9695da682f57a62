package dev.clusterboot.messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.ClassUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.api.ClusterMessageEvent;
import dev.clusterboot.api.ClusterMessageTooLargeException;
import dev.clusterboot.api.ClusterMessages;
import dev.clusterboot.api.ClusterUnavailableException;
import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.channel.ServerLimits;

/**
 * The worker's {@link ClusterMessages}: writes a message with the application's
 * {@link JsonMapper}, checks its size and sends it to the master; reads each message from
 * another worker back into its class and publishes it as a {@link ClusterMessageEvent},
 * on a thread of its own, one message at a time, in the order they arrived.
 * <p>
 * That thread keeps a bounded queue: while listeners are slow, the control connection
 * keeps being read (so that a drain is never held up), and a message that finds the
 * queue full is dropped and counted as {@link MessageDropReason#RECEIVER_BUSY}. A message
 * whose class this worker cannot load, or that its mapper cannot read, is dropped and
 * counted as {@link MessageDropReason#UNREADABLE}.
 *
 * @author cluster-spring-boot-starter
 */
public class WorkerMessages implements ClusterMessages, DisposableBean {

	/**
	 * The most messages from other workers waiting for their listeners.
	 */
	static final int QUEUE_CAPACITY = 1024;

	private static final Log logger = LogFactory.getLog(WorkerMessages.class);

	private final int worker;

	private final MasterLink master;

	private final JsonMapper mapper;

	private final ApplicationEventPublisher publisher;

	private final long maxBytes;

	private final ClassLoader classLoader;

	private final Map<MessageDropReason, LongAdder> drops = new EnumMap<>(MessageDropReason.class);

	private final ThreadPoolExecutor listeners;

	/**
	 * Create the worker's messages.
	 * @param worker this worker's id
	 * @param master the worker's link to its master
	 * @param mapper the application's mapper
	 * @param publisher publishes what arrives
	 * @param maxBytes the largest message, in bytes of JSON
	 * @param classLoader loads the classes of messages that arrive
	 */
	public WorkerMessages(int worker, MasterLink master, JsonMapper mapper, ApplicationEventPublisher publisher,
			long maxBytes, ClassLoader classLoader) {
		this.worker = worker;
		this.master = master;
		this.mapper = mapper;
		this.publisher = publisher;
		this.maxBytes = maxBytes;
		this.classLoader = classLoader;
		this.drops.put(MessageDropReason.RECEIVER_BUSY, new LongAdder());
		this.drops.put(MessageDropReason.UNREADABLE, new LongAdder());
		this.listeners = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(QUEUE_CAPACITY), (runnable) -> {
					Thread thread = new Thread(runnable, "cluster-messages");
					thread.setDaemon(true);
					return thread;
				}, (runnable, executor) -> this.drops.get(MessageDropReason.RECEIVER_BUSY).increment());
	}

	@Override
	public void sendToAll(Object message) {
		send(null, message);
	}

	@Override
	public void sendTo(int worker, Object message) {
		if (worker < 1) {
			throw new IllegalArgumentException("Workers have ids from 1, not " + worker);
		}
		send(worker, message);
	}

	@Override
	public int worker() {
		return this.worker;
	}

	private void send(@Nullable Integer to, Object message) {
		String json;
		try {
			json = this.mapper.writeValueAsString(message);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("A " + message.getClass().getName()
					+ " message cannot be written as JSON by the application's JsonMapper: " + ex.getOriginalMessage(),
					ex);
		}
		long bytes = json.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > this.maxBytes) {
			throw new ClusterMessageTooLargeException(message.getClass(), bytes, this.maxBytes,
					ClusterMessageTooLargeException.PROPERTY + " allows");
		}
		ControlMessage.Send send = new ControlMessage.Send(to, message.getClass().getName(), json);
		int lineLimit = ServerLimits.MASTER.lineBytes();
		if (2 * bytes + 512 > lineLimit) {
			// quoted, the JSON can grow up to twice its size
			long line = ControlConnection.encode(send).length - 1;
			if (line > lineLimit) {
				throw new ClusterMessageTooLargeException(message.getClass(), line, lineLimit,
						"the master's control channel carries once quoted; lower "
								+ ClusterMessageTooLargeException.PROPERTY);
			}
		}
		try {
			this.master.send(send);
		}
		catch (IOException ex) {
			throw new ClusterUnavailableException("Worker " + this.worker + " cannot reach its cluster master", ex);
		}
	}

	/**
	 * Take a message from another worker, on the control connection's thread: queue it
	 * for the listeners, or count it as dropped when they are too far behind. The
	 * auto-configuration registers it as the handler of {@link ControlMessage.Deliver}.
	 * @param delivery the message
	 */
	public void deliver(ControlMessage.Deliver delivery) {
		this.listeners.execute(() -> publish(delivery));
	}

	private void publish(ControlMessage.Deliver delivery) {
		Object payload;
		try {
			Class<?> type = ClassUtils.forName(delivery.payloadType(), this.classLoader);
			payload = this.mapper.readValue(delivery.payload(), type);
		}
		catch (ClassNotFoundException | LinkageError | JacksonException ex) {
			this.drops.get(MessageDropReason.UNREADABLE).increment();
			logger.warn("Dropped a " + delivery.payloadType() + " message from worker " + delivery.from()
					+ ", which worker " + this.worker + " cannot read: " + ex);
			return;
		}
		try {
			this.publisher.publishEvent(new ClusterMessageEvent<>(this, payload, delivery.from()));
		}
		catch (RuntimeException ex) {
			logger.warn("A listener failed on a " + delivery.payloadType() + " message from worker "
					+ delivery.from(), ex);
		}
	}

	/**
	 * Return how many messages from other workers this worker dropped, by reason.
	 * @return the counts of {@link MessageDropReason#RECEIVER_BUSY} and
	 * {@link MessageDropReason#UNREADABLE}
	 */
	public Map<MessageDropReason, Long> drops() {
		Map<MessageDropReason, Long> counts = new EnumMap<>(MessageDropReason.class);
		this.drops.forEach((reason, count) -> counts.put(reason, count.sum()));
		return counts;
	}

	@Override
	public void destroy() {
		this.listeners.shutdownNow();
	}

}
