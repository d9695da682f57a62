package dev.clusterboot.supervision;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.messages.MessageRoutes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MessageRoutes}: where a message between workers goes, as the master's
 * slots stand, with fake processes and a movable time.
 */
class MessageRoutesTests {

	private final FakeCluster cluster = new FakeCluster();

	@Test
	void aMessageForAllGoesToEveryOtherReadyWorkerAndIsDroppedForOneThatIsStarting() {
		this.cluster.start(3);
		FakeProcess second = this.cluster.up(2);
		this.cluster.up(1);
		List<MessageRoutes.Route> routes = routes().decide(1, null);
		assertThat(routes).containsExactly(MessageRoutes.Route.to(second),
				MessageRoutes.Route.dropped(MessageDropReason.NOT_READY));
	}

	@Test
	void aMessageForOneWorkerGoesToThatWorkerOnlyEvenWhenItIsTheSender() {
		this.cluster.start(2);
		FakeProcess first = this.cluster.up(1);
		FakeProcess second = this.cluster.up(2);
		assertThat(routes().decide(1, 2)).containsExactly(MessageRoutes.Route.to(second));
		assertThat(routes().decide(1, 1)).containsExactly(MessageRoutes.Route.to(first));
	}

	@Test
	void aMessageForAnIdWithoutASlotIsDroppedAsNoSuchWorker() {
		this.cluster.start(2);
		this.cluster.up(1);
		this.cluster.up(2);
		assertThat(routes().decide(1, 3))
			.containsExactly(MessageRoutes.Route.dropped(MessageDropReason.NO_SUCH_WORKER));
	}

	@Test
	void aWorkerThatConnectedButIsNotReadyGetsNothing() {
		this.cluster.start(2);
		this.cluster.up(1);
		FakeProcess second = this.cluster.process(2);
		this.cluster.supervisor()
			.connected(new dev.clusterboot.channel.ControlMessage.Hello(2, second.pid(), second.launchToken()),
					second);
		assertThat(routes().decide(1, 2)).containsExactly(MessageRoutes.Route.dropped(MessageDropReason.NOT_READY));
	}

	@Test
	void aWorkerBeingReplacedGetsMessagesUntilItsReplacementIsReady() {
		this.cluster.start(1);
		FakeProcess old = this.cluster.up(1);
		this.cluster.operations().rollingRestart(this.cluster.now());
		assertThat(routes().decide(2, 1)).containsExactly(MessageRoutes.Route.to(old));
		FakeProcess replacement = this.cluster.up(2);
		assertThat(routes().decide(2, 1)).containsExactly(MessageRoutes.Route.to(replacement));
	}

	@Test
	void workersThatAreStoppingAreDroppedAsDraining() {
		this.cluster.start(2);
		this.cluster.up(1);
		this.cluster.up(2);
		this.cluster.operations().stop(this.cluster.now());
		assertThat(routes().decide(1, null))
			.containsExactly(MessageRoutes.Route.dropped(MessageDropReason.DRAINING));
	}

	@Test
	void beforeAnySlotEveryMessageForOneWorkerHasNoSuchWorker() {
		assertThat(MessageRoutes.NONE.decide(1, null)).isEmpty();
		assertThat(new MessageRoutes(Map.of()).decide(1, 1))
			.containsExactly(MessageRoutes.Route.dropped(MessageDropReason.NO_SUCH_WORKER));
	}

	private MessageRoutes routes() {
		return this.cluster.supervisor().slots.messageRoutes();
	}

}
