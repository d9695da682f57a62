package dev.clusterboot.portgroup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The workers of one host join the shared port's group one at a time, and each says when
 * its socket joined, so that the order of those moments is the order of the sockets in
 * the kernel's group, which a steering program's return value indexes.
 * <p>
 * Why: the kernel appends a socket to the group when it starts listening. Two workers
 * that start together listen close together, and a moment taken any later than the
 * listen (when the server reports it started, or at the reporter's next check) can put
 * them in the wrong order; the master then steers one worker's connections to the other.
 * Holding a lock file in the master's private directory from before the listen until the
 * moment is taken makes the order exact.
 * <p>
 * The lock is a file lock, which the kernel releases when its process exits. A join
 * waits for it at most {@link #WAIT}: a worker paused while it holds the lock delays the
 * others by that much, and they then join unordered, as they would without the lock.
 *
 * @author cluster-spring-boot-starter
 */
public final class PortJoins {

	/**
	 * The lock file's name in the master's private directory.
	 */
	public static final String FILE_NAME = "port-joins.lock";

	/**
	 * The longest a join waits for another worker's join to end.
	 */
	public static final Duration WAIT = Duration.ofSeconds(2);

	private static final Log logger = LogFactory.getLog(PortJoins.class);

	private static final PortJoins UNORDERED = new PortJoins(null);

	private final @Nullable Path file;

	private final Semaphore inThisProcess = new Semaphore(1);

	private PortJoins(@Nullable Path file) {
		this.file = file;
	}

	/**
	 * Return the joins of the workers whose master's private directory is given.
	 * @param directory the master's private directory
	 * @return the joins
	 */
	public static PortJoins inDirectory(Path directory) {
		return new PortJoins(directory.resolve(FILE_NAME));
	}

	/**
	 * Return joins that take no lock: for a server that is not in a cluster's steered
	 * group, such as the management port's.
	 * @return the joins
	 */
	public static PortJoins unordered() {
		return UNORDERED;
	}

	/**
	 * Join: wait for the host's turn, run the listen, and take the moment it joined.
	 * @param <E> what the listen throws
	 * @param listen binds and listens on the shared port
	 * @return when the socket joined, on {@link System#nanoTime()}
	 * @throws E when the listen failed; the turn is given back then
	 */
	public <E extends Exception> long join(Listen<E> listen) throws E {
		Joining joining = begin();
		try {
			listen.listen();
		}
		catch (Exception ex) {
			joining.abandon();
			throw ex;
		}
		return joining.listened();
	}

	/**
	 * Wait for the host's turn to join, for a server that listens on another thread: call
	 * {@link Joining#listened()} once it listens, or {@link Joining#abandon()}.
	 * @return the turn
	 */
	public Joining begin() {
		if (this.file == null) {
			return new Joining(null, false);
		}
		boolean ours;
		try {
			ours = this.inThisProcess.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Joining(null, false);
		}
		if (!ours) {
			return new Joining(null, false);
		}
		return new Joining(lockFile(this.file), true);
	}

	private static @Nullable FileLock lockFile(Path file) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		try {
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			while (true) {
				FileLock lock = channel.tryLock();
				if (lock != null) {
					return lock;
				}
				if (System.nanoTime() - deadline > 0) {
					channel.close();
					logger.info("Another worker held the port's join lock " + file + " for longer than " + WAIT
							+ "; joining without it, so the master may steer by a wrong socket order until the "
							+ "next join");
					return null;
				}
				Thread.sleep(1);
			}
		}
		catch (IOException | OverlappingFileLockException ex) {
			logger.debug("Cannot lock " + file + "; joining without it", ex);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Runs a server's listen on the shared port.
	 *
	 * @param <E> what it throws
	 */
	@FunctionalInterface
	public interface Listen<E extends Exception> {

		/**
		 * Bind and listen.
		 * @throws E when it cannot
		 */
		void listen() throws E;

	}

	/**
	 * A worker's turn to join the group; ends once.
	 */
	public final class Joining {

		private final @Nullable FileLock lock;

		private boolean held;

		private Joining(@Nullable FileLock lock, boolean held) {
			this.lock = lock;
			this.held = held;
		}

		/**
		 * The socket listens: take the moment, and end the turn.
		 * @return when the socket joined, on {@link System#nanoTime()}
		 */
		public synchronized long listened() {
			long now = System.nanoTime();
			end();
			return now;
		}

		/**
		 * The listen failed: end the turn.
		 */
		public synchronized void abandon() {
			end();
		}

		private void end() {
			if (!this.held) {
				return;
			}
			this.held = false;
			if (this.lock != null) {
				try {
					this.lock.channel().close();
				}
				catch (IOException ex) {
					logger.debug("Cannot release the port's join lock", ex);
				}
			}
			PortJoins.this.inThisProcess.release();
		}

	}

}
