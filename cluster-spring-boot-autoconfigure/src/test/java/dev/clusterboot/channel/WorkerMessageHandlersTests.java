package dev.clusterboot.channel;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerMessageHandlers}.
 */
class WorkerMessageHandlersTests {

	private final WorkerMessageHandlers handlers = new WorkerMessageHandlers();

	private final List<String> handled = new ArrayList<>();

	@Test
	void handsEachMessageToTheHandlersOfItsTypeOnlyInTheOrderTheyWereRegistered() {
		this.handlers.register(ControlMessage.Drain.class, (drain) -> this.handled.add("first " + drain.periodMillis()));
		this.handlers.register(ControlMessage.Join.class, (join) -> this.handled.add("join " + join.worker()));
		this.handlers.register(ControlMessage.Drain.class, (drain) -> this.handled.add("second " + drain.periodMillis()));
		this.handlers.dispatch(new ControlMessage.Drain(500));
		assertThat(this.handled).containsExactly("first 500", "second 500");
	}

	@Test
	void handsAMessageFirstToAHandlerRegisteredFirst() {
		List<String> handled = new ArrayList<>();
		this.handlers.register(ControlMessage.Drain.class, (drain) -> handled.add("agent"));
		this.handlers.registerFirst(ControlMessage.Drain.class, (drain) -> handled.add("steering"));
		this.handlers.dispatch(new ControlMessage.Drain(10));
		assertThat(handled).containsExactly("steering", "agent");
	}

	@Test
	void ignoresAMessageThatNoFeatureHandles() {
		this.handlers.register(ControlMessage.Join.class, (join) -> this.handled.add("join"));
		this.handlers.dispatch(new ControlMessage.GrantLeadership());
		assertThat(this.handled).isEmpty();
	}

	@Test
	void tellsEveryListenerThatTheMasterIsGone() {
		this.handlers.onMasterGone(() -> this.handled.add("leadership"));
		this.handlers.onMasterGone(() -> this.handled.add("other"));
		this.handlers.masterGone();
		assertThat(this.handled).containsExactly("leadership", "other");
	}

}
