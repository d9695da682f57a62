package dev.clusterboot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Sets Linux's {@code net.ipv4.tcp_migrate_req} for a test and puts it back afterwards.
 * Setting it needs root; where that is not possible the test is skipped with a message
 * that says so.
 */
final class MigrateReq implements AutoCloseable {

	private static final Path SETTING = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

	private final @Nullable String before;

	private final String unavailable;

	private MigrateReq(@Nullable String before, String unavailable) {
		this.before = before;
		this.unavailable = unavailable;
	}

	/**
	 * Set the value, or skip the calling test with the reason when this kernel or user
	 * does not allow it.
	 */
	static MigrateReq set(String value) {
		MigrateReq migrate = trySet(value);
		Assumptions.assumeTrue(migrate.isSet(), migrate.unavailable);
		return migrate;
	}

	/**
	 * Set the value if this kernel and user allow it; {@link #isSet()} and
	 * {@link #unavailable()} say whether it was.
	 */
	static MigrateReq trySet(String value) {
		String before;
		try {
			before = Files.readString(SETTING).trim();
		}
		catch (IOException ex) {
			return new MigrateReq(null, "This kernel has no net.ipv4.tcp_migrate_req (Linux 5.14+ needed): " + ex);
		}
		try {
			Files.writeString(SETTING, value);
		}
		catch (IOException ex) {
			return new MigrateReq(null, "Cannot set net.ipv4.tcp_migrate_req=" + value + " (needs root): " + ex);
		}
		return new MigrateReq(before, "");
	}

	boolean isSet() {
		return this.before != null;
	}

	/**
	 * Why the value could not be set, or an empty string when it was.
	 */
	String unavailable() {
		return this.unavailable;
	}

	@Override
	public void close() throws IOException {
		if (this.before != null) {
			Files.writeString(SETTING, this.before);
		}
	}

}
