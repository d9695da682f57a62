package dev.clusterboot.api.status;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How a worker process ended.
 *
 * @param pid the process id of the worker that exited
 * @param code the exit code; 128 + n when it was killed by signal n
 * @param time when the master saw it exit
 * @param reason why it ended
 * @param signal the name of the signal that killed it, for example {@code SIGKILL}, or
 * {@code null} when it exited by itself
 * @author cluster-spring-boot-starter
 */
public record WorkerExit(long pid, int code, Instant time, ExitReason reason, @Nullable String signal) {

	/**
	 * Exit code of a worker that cannot run as configured ({@code EX_CONFIG} in
	 * {@code sysexits.h}), for example because its web server cannot share the port.
	 * Starting it again cannot help, so the master does not restart it.
	 */
	public static final int CONFIGURATION_ERROR = 78;

	private static final String[] SIGNALS = { null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
			"SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM" };

	/**
	 * Create an exit record, naming the signal when the exit code says the process was
	 * killed by one (a shell-style code of 128 + n).
	 * @param pid the process id
	 * @param code the exit code
	 * @param time when it exited
	 * @param reason why it ended
	 * @return the exit record
	 */
	public static WorkerExit of(long pid, int code, Instant time, ExitReason reason) {
		int signal = code - 128;
		String name = (signal > 0 && signal < SIGNALS.length) ? SIGNALS[signal] : null;
		return new WorkerExit(pid, code, time, reason, name);
	}

	/**
	 * Describe the exit for a log line, for example {@code exit code 137 (SIGKILL)}.
	 * @return the description
	 */
	public String describe() {
		return "exit code " + this.code + ((this.signal != null) ? " (" + this.signal + ")" : "");
	}

}
