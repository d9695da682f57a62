package dev.clusterboot.steering;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.SteeringStatus;
import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.steering.weighing.PortGroupOrder;

/**
 * The master's side of connection steering: it follows the port's group from what the
 * workers report (joins, leaves, load), weighs the workers, and says when the group needs
 * a new program ({@link ProgramDispatch}).
 * <p>
 * No thread and no clock of its own: the master's loop hands it each report and asks it
 * on every {@link #tick} for what to send, with the current time, so that a test drives
 * it on any clock. When any worker cannot attach a program, or the kernel refuses one, steering is unavailable for the rest of the master's life: a
 * program already in place is replaced by one that leaves every choice to the kernel's
 * hash ({@link ProgramRelease}), no other program is sent, and the reason is logged once
 * and shown in the status. In {@link SteeringMode#OFF} it does nothing at all.
 *
 * @author cluster-spring-boot-starter
 */
public final class PortSteering {

	private static final Log logger = LogFactory.getLog(PortSteering.class);

	private final SteeringMode mode;

	private final SteeringSettings settings;

	private final Weighing weighing;

	private final PortMembers members = new PortMembers();

	private final ProgramDispatch dispatch;

	private final ProgramRelease release = new ProgramRelease();

	private @Nullable String unavailable;

	/**
	 * Create the master's steering of the shared port.
	 * @param mode how connections are steered; {@link SteeringMode#OFF} for none
	 * @param settings the thresholds
	 */
	public PortSteering(SteeringMode mode, SteeringSettings settings) {
		this.mode = mode;
		this.settings = settings;
		this.weighing = new Weighing(mode, settings);
		this.dispatch = new ProgramDispatch(settings);
	}

	/**
	 * Share the port's group with the workers, in {@link SteeringMode#LEAST}: every
	 * decision writes which sockets may take new connections, before any program or drain
	 * is sent.
	 * @param table writes the workers' process ids in the group's order and whether each
	 * may take new connections where the workers read them
	 */
	public void shareGroup(BiConsumer<List<Long>, List<Boolean>> table) {
		this.dispatch.shareGroupWith(table);
	}

	/**
	 * Return whether the master steers now: a mode other than {@link SteeringMode#OFF},
	 * and every worker able to attach the programs.
	 * @return {@code true} when programs are sent
	 */
	public boolean isActive() {
		return this.mode != SteeringMode.OFF && this.unavailable == null;
	}

	/**
	 * A worker's socket joined the port's group.
	 * @param pid the worker's process id
	 * @param joinedAtNanos when it joined, on the host's monotonic clock
	 * @param steeringUnavailable why the worker cannot attach a program, or {@code null}
	 * @param now when the report arrived
	 */
	public void joined(long pid, long joinedAtNanos, @Nullable String steeringUnavailable, Instant now) {
		if (this.mode == SteeringMode.OFF) {
			return;
		}
		if (steeringUnavailable != null) {
			this.release.unable(pid);
			unavailable("worker (pid " + pid + ") cannot attach a program: " + steeringUnavailable);
		}
		this.members.joined(pid, joinedAtNanos, now);
	}

	/**
	 * A worker's socket left the port's group, or its process exited.
	 * @param pid the worker's process id
	 */
	public void left(long pid) {
		if (this.mode == SteeringMode.OFF) {
			return;
		}
		this.members.left(pid);
		this.dispatch.left(pid);
	}

	/**
	 * A worker in the group reported its load.
	 * @param pid the worker's process id
	 * @param load what it reported
	 * @param now when the report arrived
	 */
	public void load(long pid, SteeringMessage.Load load, Instant now) {
		if (this.mode != SteeringMode.OFF) {
			this.members.load(pid, load, now);
		}
	}

	/**
	 * A worker is about to leave the group: it gets no new connections from now on.
	 * @param pid the worker's process id
	 */
	public void draining(long pid) {
		if (this.mode != SteeringMode.OFF) {
			this.members.draining(pid);
		}
	}

	/**
	 * A worker answered a program it was sent.
	 * @param pid the worker's process id
	 * @param refused why it could not attach it, or {@code null} when it did
	 */
	public void steered(long pid, @Nullable String refused) {
		if (this.mode == SteeringMode.OFF) {
			return;
		}
		if (this.unavailable != null) {
			this.release.answered(pid, refused);
			return;
		}
		if (refused != null) {
			this.dispatch.refused();
			this.release.unable(pid);
			unavailable("worker (pid " + pid + ") could not attach a program: " + refused);
		}
		else {
			this.dispatch.attached(pid);
		}
	}

	/**
	 * Let time pass: weigh the workers, and decide whether the group needs a new program.
	 * @param now the current time
	 * @return the program to send and the worker to send it to, or {@code null} when
	 * nothing is to be sent
	 */
	public @Nullable SteerRequest tick(Instant now) {
		if (this.mode == SteeringMode.OFF || this.members.order().size() == 0) {
			return null;
		}
		if (this.unavailable != null) {
			Long releaser = this.release.sendTo(now, this.settings.unresponsiveAfter(), this.members.loads());
			return (releaser != null) ? new SteerRequest(releaser, SteeringProgramCompiler.HASH_ONLY) : null;
		}
		SteeringDecision decision = this.weighing.decide(now, this.members.order(), this.members.loads());
		return this.dispatch.next(now, decision, this.members.order(), this.weighing.weights(), this.members.loads());
	}

	/**
	 * Return the program a worker attaches before it leaves the group: the latest
	 * weighing, less that worker, or the other workers alike when none of them may take
	 * connections. It becomes the program in place.
	 * @param pid the leaving worker's process id
	 * @return four numbers an instruction, as {@code Drain.steerFirst} carries them, or
	 * {@code null} when the master does not steer or no other worker is in the group
	 */
	public int @Nullable [] programExcluding(long pid) {
		PortGroupOrder order = this.members.order();
		if (!isActive() || !order.contains(pid) || order.size() < 2) {
			return null;
		}
		return this.dispatch.attachedByLeaver(this.weighing.excluding(pid, order), order);
	}

	/**
	 * Return steering as the cluster's status shows it.
	 * @param slots the slot id of a worker by process id, {@code null} for none
	 * @return the status
	 */
	public SteeringStatus status(LongFunction<@Nullable Integer> slots) {
		if (this.mode == SteeringMode.OFF) {
			return SteeringStatus.OFF;
		}
		return this.weighing.status(this.unavailable, this.members.order(), this.dispatch.programs(), slots);
	}

	private void unavailable(String reason) {
		if (this.unavailable == null) {
			this.unavailable = reason;
			logger.warn("Connection steering (" + this.mode + ") is unavailable, so the kernel's hash spreads new "
					+ "connections over the workers: " + reason);
			if (this.dispatch.programs() > 0) {
				this.release.needed();
			}
			this.dispatch.withdraw();
		}
	}

}
