package dev.clusterboot.steering;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.steering.weighing.WorkerLoad;


/**
 * Gives the choice of new connections back to the kernel's hash when steering becomes
 * unavailable after a program was attached: a program left in place would go on
 * spreading new connections by its last weights, keeping away for good a worker it had
 * excluded then and never choosing a worker that joined since. The release is a program
 * that returns an index past the group's end, which the kernel answers with its hash.
 * <p>
 * A worker that can attach programs attaches it, the freshest reporter first; one that
 * does not answer in time, or refuses, is passed over for another, at most
 * {@value #ATTEMPTS} times. Only the master's loop touches it.
 *
 * @author cluster-spring-boot-starter
 */
final class ProgramRelease {

	private static final Log logger = LogFactory.getLog(ProgramRelease.class);

	/**
	 * How many workers are asked before the program in place is left alone.
	 */
	static final int ATTEMPTS = 3;

	private final Set<Long> unable = new HashSet<>();

	private boolean needed;

	private int attempts;

	private @Nullable Long sentTo;

	private @Nullable Instant sentAt;

	/**
	 * A worker cannot attach programs: it is never asked.
	 * @param pid the worker's process id
	 */
	void unable(long pid) {
		this.unable.add(pid);
	}

	/**
	 * Steering became unavailable while a program was in place.
	 */
	void needed() {
		this.needed = true;
	}

	/**
	 * Return the worker to send the release to now, if any.
	 * @param now the current time
	 * @param answerWithin how long a responsive worker takes to answer
	 * @param loads the workers' latest reports, by process id
	 * @return the worker's process id, or {@code null} when nothing is to be sent now
	 */
	@Nullable Long sendTo(Instant now, Duration answerWithin, Map<Long, WorkerLoad> loads) {
		if (!this.needed) {
			return null;
		}
		Long pending = this.sentTo;
		if (pending != null) {
			if (Duration.between(this.sentAt, now).compareTo(answerWithin) < 0) {
				return null;
			}
			this.unable.add(pending);
			this.sentTo = null;
		}
		if (this.attempts >= ATTEMPTS) {
			this.needed = false;
			logger.warn("No worker attached the program that gives new connections back to the kernel's hash; "
					+ "the last program stays in place");
			return null;
		}
		Long chosen = ProgramAttacher.freshest(loads.values(), (load) -> !this.unable.contains(load.pid())
				&& Duration.between(load.lastReport(), now).compareTo(answerWithin) < 0);
		if (chosen != null) {
			this.attempts++;
			this.sentTo = chosen;
			this.sentAt = now;
		}
		return chosen;
	}

	/**
	 * A worker answered a program it was sent while steering is unavailable.
	 * @param pid the worker's process id
	 * @param refused why it could not attach it, or {@code null} when it did
	 * @return {@code true} when it answered the release, attached
	 */
	boolean answered(long pid, @Nullable String refused) {
		Long pending = this.sentTo;
		if (pending == null || pending != pid) {
			return false;
		}
		this.sentTo = null;
		if (refused != null) {
			this.unable.add(pid);
			return false;
		}
		this.needed = false;
		logger.info("New connections are spread by the kernel's hash again");
		return true;
	}

}
