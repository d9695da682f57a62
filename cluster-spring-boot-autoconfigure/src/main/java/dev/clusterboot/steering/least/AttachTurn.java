package dev.clusterboot.steering.least;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The turn to attach a program to the port's group and record which choice it is, one
 * process of the host at a time: the process id of its holder, 0 when free, in the
 * {@link InFlightTable}'s file. Without turns, two workers that attach at once could
 * record their choices in the other order than the kernel took their programs, and the
 * table would name a choice whose program is not in place. Taking the turn never waits;
 * a turn held by a process that is gone is taken over, off the request path.
 *
 * @author cluster-spring-boot-starter
 */
public final class AttachTurn {

	private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class,
			ByteOrder.nativeOrder());

	private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

	private final ByteBuffer word;

	AttachTurn(ByteBuffer word) {
		this.word = word;
	}

	/**
	 * Take the turn if it is free: one compare-and-set, for a request thread.
	 * @param pid the process id of the taker
	 * @return whether the taker holds the turn now
	 */
	public boolean tryTake(long pid) {
		return LONG.compareAndSet(this.word, 0, 0L, pid);
	}

	/**
	 * Take the turn if it is free or held by a process that is gone, which asks the system
	 * about the holder: for a worker's periodic check and the master's programs, off the
	 * request path.
	 * @param pid the process id of the taker
	 * @return whether the taker holds the turn now
	 */
	public boolean tryTakeOver(long pid) {
		if (tryTake(pid)) {
			return true;
		}
		long holder = (long) LONG.getVolatile(this.word, 0);
		return holder != 0 && holder != pid && !alive(holder) && LONG.compareAndSet(this.word, 0, holder, pid);
	}

	/**
	 * Take the turn as {@link #tryTakeOver(long)} does, waiting at most the given time for
	 * a live holder to give it back.
	 * @param pid the process id of the taker
	 * @param maxNanos how long to wait at most
	 * @param nanoTime the clock
	 * @return whether the taker holds the turn now
	 */
	public boolean awaitTake(long pid, long maxNanos, LongSupplier nanoTime) {
		if (tryTakeOver(pid)) {
			return true;
		}
		long deadline = nanoTime.getAsLong() + maxNanos;
		while (!tryTake(pid)) {
			if (nanoTime.getAsLong() - deadline >= 0) {
				return false;
			}
			LockSupport.parkNanos(PAUSE_NANOS);
		}
		return true;
	}

	/**
	 * Give the turn back.
	 * @param pid the process id of the holder
	 */
	public void giveBack(long pid) {
		LONG.compareAndSet(this.word, 0, pid, 0L);
	}

	private static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

}
