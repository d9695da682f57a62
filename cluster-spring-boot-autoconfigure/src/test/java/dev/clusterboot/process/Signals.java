package dev.clusterboot.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends a process a signal with the {@code kill} command, for signals that
 * {@link ProcessHandle} cannot send (SIGHUP, SIGSTOP, SIGTTIN, SIGTTOU), or to a whole
 * process group (a negative pid).
 */
final class Signals {

	private Signals() {
	}

	static void send(String signal, long pid) {
		try {
			Process kill = new ProcessBuilder("kill", "-s", signal, "--", Long.toString(pid)).inheritIO().start();
			assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(kill.exitValue()).as("kill -s %s -- %d", signal, pid).isZero();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
