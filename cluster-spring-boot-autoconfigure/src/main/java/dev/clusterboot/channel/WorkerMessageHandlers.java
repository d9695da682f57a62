package dev.clusterboot.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The handlers of what the master sends a worker, by type of message: each feature
 * registers a handler for the messages that concern it, and the worker's connection
 * hands each message that arrives to the handlers of its type, much as Spring's
 * {@code ApplicationEventMulticaster} hands an event to its listeners. The connection
 * knows no feature, and no feature knows the connection.
 * <p>
 * Handlers run on the thread that reads the connection, in the order they were
 * registered: a handler must be quick, and hand long work to a thread of its own. A
 * message that no handler was registered for is ignored.
 *
 * @author cluster-spring-boot-starter
 */
public final class WorkerMessageHandlers {

	private final Map<Class<?>, List<Consumer<ControlMessage>>> handlers = new ConcurrentHashMap<>();

	private final List<Runnable> masterGoneListeners = new CopyOnWriteArrayList<>();

	/**
	 * Hand every message of one type to a handler, from now on.
	 * @param <M> the type of message
	 * @param type the type of message, one of the records of {@link ControlMessage}
	 * @param handler takes each message of that type, quickly
	 */
	public <M extends ControlMessage> void register(Class<M> type, Consumer<? super M> handler) {
		this.handlers.computeIfAbsent(type, (key) -> new CopyOnWriteArrayList<>())
			.add((message) -> handler.accept(type.cast(message)));
	}

	/**
	 * Hand every message of one type to a handler ahead of the handlers already
	 * registered for it: for a feature that must act on a message before the worker's
	 * agent does, as steering attaches a program before a {@link ControlMessage.Drain
	 * Drain} leaves the port.
	 * @param <M> the type of message
	 * @param type the type of message, one of the records of {@link ControlMessage}
	 * @param handler takes each message of that type, quickly
	 */
	public <M extends ControlMessage> void registerFirst(Class<M> type, Consumer<? super M> handler) {
		this.handlers.computeIfAbsent(type, (key) -> new CopyOnWriteArrayList<>())
			.add(0, (message) -> handler.accept(type.cast(message)));
	}

	/**
	 * Run a task when the master is gone: the connection ended while the worker was not
	 * leaving. The worker exits next; the task undoes what the master had granted.
	 * @param listener the task, which must be quick
	 */
	public void onMasterGone(Runnable listener) {
		this.masterGoneListeners.add(listener);
	}

	/**
	 * Hand a message from the master to the handlers of its type.
	 * @param message the message
	 */
	public void dispatch(ControlMessage message) {
		List<Consumer<ControlMessage>> registered = this.handlers.get(message.getClass());
		if (registered != null) {
			registered.forEach((handler) -> handler.accept(message));
		}
	}

	/**
	 * Tell every listener that the master is gone.
	 */
	public void masterGone() {
		this.masterGoneListeners.forEach(Runnable::run);
	}

}
