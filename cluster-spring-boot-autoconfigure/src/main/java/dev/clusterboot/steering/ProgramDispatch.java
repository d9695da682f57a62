package dev.clusterboot.steering;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.steering.bpf.BpfProgram;
import dev.clusterboot.steering.weighing.PortGroupOrder;
import dev.clusterboot.steering.weighing.SteeringWeights;
import dev.clusterboot.steering.weighing.WorkerLoad;

/**
 * The master's programs on their way to the port's group: it writes each decision where
 * the workers read it ({@link GroupPublication}) before any program goes out, sends a new
 * program only when the one in place is far enough from the decision and no other is
 * awaiting its answer, and again when its worker neither answers nor stays responsive
 * ({@link ProgramDelivery}), chooses the worker that attaches it
 * ({@link ProgramAttacher}), and counts the programs attached.
 *
 * @author cluster-spring-boot-starter
 */
final class ProgramDispatch {

	private static final Log logger = LogFactory.getLog(ProgramDispatch.class);

	private final SteeringSettings settings;

	private final ProgramDelivery delivery = new ProgramDelivery();

	private final GroupPublication publication = new GroupPublication();

	private long programs;

	ProgramDispatch(SteeringSettings settings) {
		this.settings = settings;
	}

	void shareGroupWith(BiConsumer<List<Long>, List<Boolean>> table) {
		this.publication.shareWith(table);
	}

	/**
	 * Publish a decision, and return the program that carries it and its worker, if one
	 * is to be sent now.
	 * @param now the current time
	 * @param decision what the master decided
	 * @param order the port's group
	 * @param weights the weighing behind the decision
	 * @param loads the workers' latest reports
	 * @return the program to send, or {@code null}
	 */
	@Nullable SteerRequest next(Instant now, SteeringDecision decision, PortGroupOrder order, SteeringWeights weights,
			Map<Long, WorkerLoad> loads) {
		this.publication.publish(order, decision);
		if (this.delivery.awaitingAnswer(now, this.settings.unresponsiveAfter())
				|| !this.delivery.needs(decision, this.settings.replaceAbove())) {
			return null;
		}
		Long target = ProgramAttacher.choose(weights, loads);
		BpfProgram program = SteeringProgramCompiler.compile(decision);
		if (target == null || program == null) {
			return null;
		}
		this.delivery.sent(target, decision, now);
		logger.trace("Steering the port with " + decision + " through worker (pid " + target + ")");
		return new SteerRequest(target, program);
	}

	/**
	 * Publish the decision a leaving worker attaches itself, and return its program.
	 * @param decision the decision without the leaving worker
	 * @param order the port's group
	 * @return the program as four numbers an instruction
	 */
	int[] attachedByLeaver(SteeringDecision decision, PortGroupOrder order) {
		this.publication.publish(order, decision);
		this.delivery.attachedByLeaver(decision);
		this.programs++;
		return Objects.requireNonNull(SteeringProgramCompiler.compile(decision)).toInts();
	}

	void attached(long pid) {
		this.delivery.attached(pid);
		this.programs++;
	}

	void refused() {
		this.delivery.refused();
	}

	void left(long pid) {
		this.delivery.left(pid);
	}

	/**
	 * Steering became unavailable: the workers stop reading the group.
	 */
	void withdraw() {
		this.publication.withdraw();
	}

	long programs() {
		return this.programs;
	}

}
