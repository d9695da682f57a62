package dev.clusterboot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Sets Linux's {@code net.ipv4.tcp_migrate_req} for a test and puts it back afterwards.
 * Setting it needs root; where that is not possible the test is skipped with a message
 * that says so.
 */
final class MigrateReq implements AutoCloseable {

	private static final Path SETTING = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

	private final String before;

	private MigrateReq(String before) {
		this.before = before;
	}

	static MigrateReq set(String value) {
		String before;
		try {
			before = Files.readString(SETTING).trim();
		}
		catch (IOException ex) {
			Assumptions.abort("This kernel has no net.ipv4.tcp_migrate_req (Linux 5.14+ needed): " + ex);
			throw new IllegalStateException(ex);
		}
		try {
			Files.writeString(SETTING, value);
		}
		catch (IOException ex) {
			Assumptions.abort("Cannot set net.ipv4.tcp_migrate_req=" + value + " (needs root): " + ex);
		}
		return new MigrateReq(before);
	}

	/**
	 * Set the value if this kernel and user allow it.
	 * @return the setting to close afterwards, or {@code null} with the reason in
	 * {@code why[0]}
	 */
	static @org.jspecify.annotations.Nullable MigrateReq trySet(String value, String[] why) {
		try {
			String before = Files.readString(SETTING).trim();
			Files.writeString(SETTING, value);
			return new MigrateReq(before);
		}
		catch (IOException ex) {
			why[0] = "Cannot set net.ipv4.tcp_migrate_req=" + value
					+ " (needs Linux 5.14+ and root): " + ex;
			return null;
		}
	}

	@Override
	public void close() throws IOException {
		Files.writeString(SETTING, this.before);
	}

}
