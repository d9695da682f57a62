package dev.clusterboot.steering.worker;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.steering.bpf.BpfProgram;
import dev.clusterboot.steering.kernel.ReuseportSteering;
import dev.clusterboot.steering.kernel.SteeringUnavailableException;

/**
 * What a worker does with the master's steering commands: it attaches each
 * {@link SteeringMessage.Steer Steer} program to the port's group and answers
 * {@link SteeringMessage.Steered Steered}, and, before a {@link ControlMessage.Drain Drain}
 * leaves the port, attaches the program that gives this worker no new connection.
 * <p>
 * Both run on the thread that reads the control connection, so that programs are attached
 * in the order the master sent them; an attachment is a few system calls.
 *
 * @author cluster-spring-boot-starter
 */
public final class SteeringCommands {

	/**
	 * How long a drain waits between attaching its program and leaving: a handshake the
	 * kernel had already given this worker lands in its queue, which leaving accepts.
	 */
	static final long DRAIN_GRACE_MILLIS = 50;

	private static final Log logger = LogFactory.getLog(SteeringCommands.class);

	private final MasterLink master;

	private final Consumer<BpfProgram> attach;

	private final Sleep sleep;

	private volatile Consumer<Runnable> turn = Runnable::run;

	/**
	 * Create the commands of a port.
	 * @param master the link to the master, for the answers
	 * @param port the shared port
	 */
	public SteeringCommands(MasterLink master, int port) {
		this(master, new ReuseportSteering(port)::attach, Thread::sleep);
	}

	SteeringCommands(MasterLink master, Consumer<BpfProgram> attach, Sleep sleep) {
		this.master = master;
		this.attach = attach;
		this.sleep = sleep;
	}

	/**
	 * Attach the master's program and answer whether it was attached.
	 * @param steer the command
	 */
	public void steer(SteeringMessage.Steer steer) {
		this.master.report(new SteeringMessage.Steered(attachInTurn(steer.program())));
	}

	/**
	 * Attach each program of the master's through a turn: {@code least} steering attaches
	 * them in the host's turn, one at a time with its own choices, and forgets the choice in
	 * place after each. Without a turn, each is attached at once.
	 * @param turn runs an attach in the turn
	 */
	public void attachEachProgramIn(Consumer<Runnable> turn) {
		this.turn = turn;
	}

	/**
	 * Before the worker leaves the port, attach the drain's program, if it has one, and
	 * wait a moment for the handshakes under way.
	 * @param drain the command
	 */
	public void beforeDrain(ControlMessage.Drain drain) {
		int[] program = drain.steerFirst();
		if (program == null) {
			return;
		}
		String refused = attachInTurn(program);
		if (refused != null) {
			logger.warn("Could not steer new connections away before draining; leaving the port at once: " + refused);
			return;
		}
		try {
			this.sleep.sleep(DRAIN_GRACE_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private @Nullable String attachInTurn(int[] numbers) {
		AtomicReference<@Nullable String> refused = new AtomicReference<>();
		this.turn.accept(() -> refused.set(attach(numbers)));
		return refused.get();
	}

	private @Nullable String attach(int[] numbers) {
		try {
			this.attach.accept(BpfProgram.fromInts(numbers));
			return null;
		}
		catch (IllegalArgumentException ex) {
			return "The program is invalid: " + ex.getMessage();
		}
		catch (SteeringUnavailableException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * Waits; {@link Thread#sleep(long)} outside tests.
	 */
	@FunctionalInterface
	interface Sleep {

		void sleep(long millis) throws InterruptedException;

	}

}
