package dev.clusterboot.steering.worker;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.steering.kernel.SteeringUnavailableException;
import dev.clusterboot.steering.kernel.SteeringUnavailableReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SteeringCommands}, with a recorded attachment and sleep.
 */
class SteeringCommandsTests {

	private static final int[] RETURN_ZERO = { 0x06, 0, 0, 0 };

	private final List<ControlMessage> sent = new ArrayList<>();

	private final List<String> events = new ArrayList<>();

	private RuntimeException refusal;

	private final SteeringCommands commands = new SteeringCommands(this.sent::add, (program) -> {
		if (this.refusal != null) {
			throw this.refusal;
		}
		this.events.add("attached " + program.length());
	}, (millis) -> this.events.add("slept " + millis));

	@Test
	void attachesTheMastersProgramAndSaysSo() {
		this.commands.steer(new SteeringMessage.Steer(RETURN_ZERO));
		assertThat(this.events).containsExactly("attached 1");
		assertThat(this.sent).containsExactly(new SteeringMessage.Steered(null));
	}

	@Test
	void answersWhyTheKernelRefusedTheProgram() {
		this.refusal = new SteeringUnavailableException(SteeringUnavailableReason.NO_LISTENING_SOCKET,
				"No TCP socket", null);
		this.commands.steer(new SteeringMessage.Steer(RETURN_ZERO));
		assertThat(this.sent).containsExactly(new SteeringMessage.Steered("NO_LISTENING_SOCKET: No TCP socket"));
	}

	@Test
	void beforeADrainAttachesItsProgramThenWaitsForTheHandshakesUnderWay() {
		this.commands.beforeDrain(new ControlMessage.Drain(1000, RETURN_ZERO));
		assertThat(this.events).containsExactly("attached 1", "slept " + SteeringCommands.DRAIN_GRACE_MILLIS);
		assertThat(this.sent).isEmpty();
	}

	@Test
	void aDrainWithoutAProgramLeavesAtOnce() {
		this.commands.beforeDrain(new ControlMessage.Drain(1000));
		assertThat(this.events).isEmpty();
	}

	@Test
	void aDrainWhoseProgramIsRefusedDoesNotWait() {
		this.commands.beforeDrain(new ControlMessage.Drain(1000, new int[] { 1, 2, 3 }));
		assertThat(this.events).isEmpty();
	}

	@Test
	void theMastersProgramsAndTheDrainsAreAttachedInTheTurn() {
		this.commands.attachEachProgramIn((attach) -> {
			this.events.add("turn");
			attach.run();
			this.events.add("turn given back");
		});
		this.commands.steer(new SteeringMessage.Steer(RETURN_ZERO));
		this.commands.beforeDrain(new ControlMessage.Drain(1000, RETURN_ZERO));
		assertThat(this.events).containsExactly("turn", "attached 1", "turn given back", "turn", "attached 1",
				"turn given back", "slept " + SteeringCommands.DRAIN_GRACE_MILLIS);
	}

}
