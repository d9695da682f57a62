package dev.clusterboot.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.clusterboot.api.ClusterMessageEvent;
import dev.clusterboot.api.ClusterMessages;

/**
 * A message between workers: {@code POST /messages} with {@code {"text":"hi"}} sends it to
 * every other worker; {@code GET /messages} lists what the worker that answers has
 * received, and from which worker. Outside cluster mode there is no one to send to.
 *
 * @author cluster-spring-boot-starter
 */
@RestController
class MessagesController {

	private final ObjectProvider<ClusterMessages> messages;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	MessagesController(ObjectProvider<ClusterMessages> messages) {
		this.messages = messages;
	}

	@PostMapping("/messages")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> send(@RequestBody Note note) {
		ClusterMessages cluster = this.messages.getIfAvailable();
		if (cluster == null) {
			return Map.of("sent", false, "why", "not running in cluster mode");
		}
		cluster.sendToAll(note);
		return Map.of("sent", true, "from", cluster.worker());
	}

	@GetMapping("/messages")
	Map<String, Object> received() {
		ClusterMessages cluster = this.messages.getIfAvailable();
		return Map.of("worker", (cluster != null) ? cluster.worker() : 0, "received", this.received);
	}

	@EventListener
	void on(ClusterMessageEvent<Note> event) {
		this.received.add(new Received(event.sender(), event.getPayload().text()));
	}

	/**
	 * What one worker tells the others.
	 * @param text the text
	 */
	record Note(String text) {
	}

	/**
	 * A note as received.
	 * @param from the sender's worker id
	 * @param text the text
	 */
	record Received(int from, String text) {
	}

}
