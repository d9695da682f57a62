package dev.clusterboot.steering.least;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The turn to attach a program to the port's group and record which choice it is, one
 * process of the host at a time: the process id of its holder, 0 when free, in the
 * {@link InFlightTable}'s file. Without turns, two workers that attach at once could
 * record their choices in the other order than the kernel took their programs, and the
 * table would name a choice whose program is not in place. Taking the turn never waits;
 * a turn held by a process that is gone is taken over.
 *
 * @author cluster-spring-boot-starter
 */
public final class AttachTurn {

	private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class,
			ByteOrder.nativeOrder());

	private final ByteBuffer word;

	AttachTurn(ByteBuffer word) {
		this.word = word;
	}

	/**
	 * Take the turn, unless another live process holds it.
	 * @param pid the process id of the taker
	 * @return whether the taker holds the turn now
	 */
	public boolean tryTake(long pid) {
		if (LONG.compareAndSet(this.word, 0, 0L, pid)) {
			return true;
		}
		long holder = (long) LONG.getVolatile(this.word, 0);
		return holder != 0 && holder != pid && !alive(holder) && LONG.compareAndSet(this.word, 0, holder, pid);
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
