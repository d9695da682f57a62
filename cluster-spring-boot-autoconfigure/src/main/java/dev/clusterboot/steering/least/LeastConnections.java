package dev.clusterboot.steering.least;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.steering.bpf.BpfProgram;
import dev.clusterboot.steering.kernel.SteeringUnavailableException;

/**
 * A worker's side of {@code least} steering: at every start and end of a request it
 * writes its requests in flight, and how many of them are slow, to the host's
 * {@link InFlightTable}, chooses the least busy sockets ({@link LeastChoice}) and, when
 * the choice in place sends new connections to a socket no longer among them, attaches
 * the new choice's program itself, without the master, so that the next new connection
 * already follows the counts. When the master rewrote the group meanwhile
 * (a worker draining, excluded or gone), it chooses again at once, so that a program
 * chosen on the old group does not stay.
 * <p>
 * On the request thread, without waiting: when another thread of this worker is choosing,
 * that thread chooses once more after it, with the count as it is then. The steering
 * reporter calls {@link #checked()} every few milliseconds too, so that the choice follows
 * the master's group and slow requests even between requests. A worker whose attach fails
 * stops choosing and says so once; the master's own programs go on.
 * <p>
 * The workers of a host attach one at a time, each in the table's turn
 * ({@link AttachTurn}), so that the choice the table names is the one
 * whose program is in place: a worker that finds the turn taken leaves the choice to the
 * holder and to its own next check. The master's programs take the turn too
 * ({@link #replaceProgram(Runnable)}). A worker also attaches its choice again when it has
 * not attached for a second, so that nothing can leave a wrong program in place for longer.
 *
 * @author cluster-spring-boot-starter
 */
public final class LeastConnections {

	private static final Log logger = LogFactory.getLog(LeastConnections.class);

	private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long MASTER_TURN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final InFlightTable table;

	private final long pid;

	private final IntSupplier inFlight;

	private final IntSupplier slow;

	private final BooleanSupplier inGroup;

	private final Consumer<BpfProgram> attach;

	private final ReentrantLock choosing = new ReentrantLock();

	private final AtomicBoolean dirty = new AtomicBoolean();

	private final LongSupplier nanoTime;

	private long attachedAt;

	private volatile boolean failed;

	/**
	 * Create the worker's side.
	 * @param table the host's table
	 * @param pid this worker's process id
	 * @param inFlight this worker's requests in flight now
	 * @param slow how many of them are slow now
	 * @param inGroup whether this worker's server is in the port's group now
	 * @param attach attaches a program to the port's group
	 */
	public LeastConnections(InFlightTable table, long pid, IntSupplier inFlight, IntSupplier slow,
			BooleanSupplier inGroup, Consumer<BpfProgram> attach) {
		this(table, pid, inFlight, slow, inGroup, attach, System::nanoTime);
	}

	LeastConnections(InFlightTable table, long pid, IntSupplier inFlight, IntSupplier slow, BooleanSupplier inGroup,
			Consumer<BpfProgram> attach, LongSupplier nanoTime) {
		this.table = table;
		this.pid = pid;
		this.inFlight = inFlight;
		this.slow = slow;
		this.inGroup = inGroup;
		this.attach = attach;
		this.nanoTime = nanoTime;
		this.attachedAt = nanoTime.getAsLong();
	}

	/**
	 * A request started or ended: choose again, unless another thread of this worker is
	 * choosing, which then chooses once more after it. On the request thread, so a turn
	 * held by another worker is left to it, or to the next {@link #checked()}.
	 */
	public void changed() {
		changed(false);
	}

	/**
	 * The reporter's periodic check: choose again, and take over the turn from a worker
	 * that died holding it.
	 */
	public void checked() {
		changed(true);
	}

	private void changed(boolean mayTakeOver) {
		this.dirty.set(true);
		while (this.dirty.get() && this.choosing.tryLock()) {
			try {
				if (this.dirty.getAndSet(false)) {
					choose(mayTakeOver);
				}
			}
			finally {
				this.choosing.unlock();
			}
		}
	}

	/**
	 * Attach a program of the master's in the host's turn, and forget the choice in place,
	 * so that the next change attaches its choice again. It waits for the turn at most
	 * 100 ms, so that a worker paused in its turn does not hold up the master's exclusion
	 * of it; without the turn it attaches all the same.
	 * @param attach attaches the master's program
	 */
	public void replaceProgram(Runnable attach) {
		boolean turn = this.table.turn().awaitTake(this.pid, MASTER_TURN_WAIT_NANOS, this.nanoTime);
		try {
			attach.run();
			this.table.placed(LeastChoice.UNKNOWN);
		}
		finally {
			if (turn) {
				this.table.turn().giveBack(this.pid);
			}
		}
	}

	private void choose(boolean mayTakeOver) {
		if (this.failed || !this.inGroup.getAsBoolean()) {
			return;
		}
		try {
			chooseInGroup(mayTakeOver);
		}
		catch (RuntimeException ex) {
			// a request must never fail for the choice of the next connection
			this.failed = true;
			logger.warn("Least-connections steering failed, so this worker leaves the choice to the master's "
					+ "programs", ex);
		}
	}

	private void chooseInGroup(boolean mayTakeOver) {
		for (int attempt = 0; attempt < 2; attempt++) {
			int generation = this.table.generation();
			int socket = this.table.socketOf(this.pid);
			if (socket < 0) {
				return;
			}
			this.table.inFlight(socket, this.inFlight.getAsInt());
			this.table.slow(socket, this.slow.getAsInt());
			AttachTurn turn = this.table.turn();
			if (!(mayTakeOver ? turn.tryTakeOver(this.pid) : turn.tryTake(this.pid))) {
				// another worker is attaching: it, or this worker's next check, chooses
				// with these counts
				return;
			}
			try {
				long choice = LeastChoice.choose(this.table);
				boolean due = this.nanoTime.getAsLong() - this.attachedAt >= REFRESH_NANOS;
				if ((due || !LeastChoice.keeps(this.table.placed(), choice)) && !attach(choice)) {
					return;
				}
			}
			finally {
				turn.giveBack(this.pid);
			}
			if (this.table.generation() == generation) {
				return;
			}
		}
	}

	private boolean attach(long choice) {
		try {
			this.attach.accept(LeastChoice.program(choice));
			this.table.placed(choice);
			this.attachedAt = this.nanoTime.getAsLong();
			return true;
		}
		catch (SteeringUnavailableException ex) {
			this.failed = true;
			logger.warn("Could not attach the least-connections program, so this worker leaves the choice to the "
					+ "master's programs: " + ex.getMessage());
			return false;
		}
	}

}
