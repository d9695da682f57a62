package dev.clusterboot.steering;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The program in place on the port's group, as far as the master knows, and the one on its
 * way to a worker: one program at a time, sent again when its worker has not answered
 * within the time a responsive worker takes.
 *
 * @author cluster-spring-boot-starter
 */
final class ProgramDelivery {

	private @Nullable SteeringDecision inPlace;

	private @Nullable Sent sent;

	/**
	 * Return whether a program is still on its way, forgetting one that waited too long,
	 * and what was in place with it, since the worker may or may not have attached it.
	 * @param now the current time
	 * @param answerWithin how long a responsive worker takes to answer
	 * @return whether to wait for the answer before sending another program
	 */
	boolean awaitingAnswer(Instant now, Duration answerWithin) {
		Sent current = this.sent;
		if (current == null) {
			return false;
		}
		if (Duration.between(current.at(), now).compareTo(answerWithin) < 0) {
			return true;
		}
		this.sent = null;
		this.inPlace = null;
		return false;
	}

	/**
	 * Return whether the group needs the given decision's program.
	 * @param decision what the master decided now
	 * @param replaceAbove the share of new connections a change must move to be sent
	 * @return whether to send it
	 */
	boolean needs(SteeringDecision decision, double replaceAbove) {
		return ProgramReplacement.shouldReplace(this.inPlace, decision, replaceAbove);
	}

	void sent(long pid, SteeringDecision decision, Instant now) {
		this.sent = new Sent(pid, decision, now);
	}

	void attached(long pid) {
		Sent current = this.sent;
		if (current != null && current.pid() == pid) {
			this.inPlace = current.decision();
			this.sent = null;
		}
	}

	void refused() {
		this.sent = null;
	}

	/**
	 * Forget a program on its way to a worker that left the group: it will not answer.
	 * @param pid the worker that left
	 */
	void left(long pid) {
		Sent current = this.sent;
		if (current != null && current.pid() == pid) {
			this.sent = null;
		}
	}

	/**
	 * Record a program that a leaving worker attaches itself before it leaves.
	 * @param decision the program's decision
	 */
	void attachedByLeaver(SteeringDecision decision) {
		this.inPlace = decision;
	}

	/**
	 * A program on its way to a worker, not answered yet.
	 */
	private record Sent(long pid, SteeringDecision decision, Instant at) {
	}

}
