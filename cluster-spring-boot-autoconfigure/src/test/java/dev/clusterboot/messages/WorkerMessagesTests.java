package dev.clusterboot.messages;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.api.ClusterMessageEvent;
import dev.clusterboot.api.ClusterMessageTooLargeException;
import dev.clusterboot.api.ClusterUnavailableException;
import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.channel.ControlMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WorkerMessages}: what it sends the master, the size limit, and how a
 * message that arrives reaches the application's {@code @EventListener} methods.
 */
class WorkerMessagesTests {

	private final List<ControlMessage.Send> sent = new CopyOnWriteArrayList<>();

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
			Listeners.class);

	private final WorkerMessages messages = new WorkerMessages(1,
			(message) -> this.sent.add((ControlMessage.Send) message), JsonMapper.builder().build(), this.context, 100,
			getClass().getClassLoader());

	@AfterEach
	void close() {
		this.messages.destroy();
		this.context.close();
	}

	@Test
	void sendsTheMessageAsJsonWithItsClassToEveryoneOrToOneWorker() {
		this.messages.sendToAll(new Note("hi"));
		this.messages.sendTo(2, new Note("you"));
		assertThat(this.sent).containsExactly(new ControlMessage.Send(null, Note.class.getName(), "{\"text\":\"hi\"}"),
				new ControlMessage.Send(2, Note.class.getName(), "{\"text\":\"you\"}"));
	}

	@Test
	void refusesAMessageLargerThanTheMaxSizeNamingTheProperty() {
		assertThatExceptionOfType(ClusterMessageTooLargeException.class)
			.isThrownBy(() -> this.messages.sendToAll(new Note("x".repeat(100))))
			.withMessageContaining(Note.class.getName() + " message is 111 bytes of JSON, more than the 100 bytes")
			.withMessageContaining("cluster.messages.max-size");
		assertThat(this.sent).isEmpty();
	}

	@Test
	void refusesAWorkerIdThatIsNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.messages.sendTo(0, new Note("hi")))
			.withMessage("Workers have ids from 1, not 0");
	}

	@Test
	void refusesWhenTheMasterCannotBeReached() {
		WorkerMessages cutOff = new WorkerMessages(1, (message) -> {
			throw new IOException("gone");
		}, JsonMapper.builder().build(), this.context, 100, getClass().getClassLoader());
		assertThatExceptionOfType(ClusterUnavailableException.class).isThrownBy(() -> cutOff.sendToAll(new Note("hi")))
			.withMessage("Worker 1 cannot reach its cluster master");
		cutOff.destroy();
	}

	@Test
	void publishesWhatArrivesToListenersOfThePayloadAndOfTheEventWithItsSender() {
		this.messages.deliver(new ControlMessage.Deliver(3, Note.class.getName(), "{\"text\":\"hi\"}"));
		this.messages.deliver(new ControlMessage.Deliver(2, Note.class.getName(), "{\"text\":\"again\"}"));
		Listeners listeners = this.context.getBean(Listeners.class);
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> listeners.events.size() == 2);
		assertThat(listeners.notes).containsExactly(new Note("hi"), new Note("again"));
		assertThat(listeners.events).containsExactly("3:hi", "2:again");
	}

	@Test
	void dropsAndCountsAMessageItCannotRead() {
		this.messages.deliver(new ControlMessage.Deliver(2, "example.Missing", "{}"));
		this.messages.deliver(new ControlMessage.Deliver(2, Note.class.getName(), "[1]"));
		this.messages.deliver(new ControlMessage.Deliver(2, Note.class.getName(), "{\"text\":\"fine\"}"));
		Listeners listeners = this.context.getBean(Listeners.class);
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> listeners.notes.size() == 1);
		assertThat(this.messages.drops()).containsEntry(MessageDropReason.UNREADABLE, 2L)
			.containsEntry(MessageDropReason.RECEIVER_BUSY, 0L);
	}

	@Test
	void dropsAndCountsWhatArrivesWhileItsQueueIsFullOfMessagesForSlowListeners() throws InterruptedException {
		Listeners listeners = this.context.getBean(Listeners.class);
		listeners.slow = true;
		int sent = WorkerMessages.QUEUE_CAPACITY + 50;
		for (int i = 0; i < sent; i++) {
			this.messages.deliver(new ControlMessage.Deliver(2, Note.class.getName(), "{\"text\":\"" + i + "\"}"));
		}
		listeners.slow = false;
		synchronized (listeners) {
			listeners.notifyAll();
		}
		long busy = this.messages.drops().get(MessageDropReason.RECEIVER_BUSY);
		assertThat(busy).isBetween(49L, 50L);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listeners.notes.size() == sent - busy);
	}

	/**
	 * A message of the application's.
	 * @param text what it says
	 */
	public record Note(String text) {
	}

	static class Listeners {

		final List<Note> notes = new CopyOnWriteArrayList<>();

		final List<String> events = new CopyOnWriteArrayList<>();

		volatile boolean slow;

		@EventListener
		void on(Note note) throws InterruptedException {
			synchronized (this) {
				while (this.slow) {
					wait(100);
				}
			}
			this.notes.add(note);
		}

		@EventListener
		void on(ClusterMessageEvent<Note> event) {
			this.events.add(event.sender() + ":" + event.getPayload().text());
		}

	}

}
