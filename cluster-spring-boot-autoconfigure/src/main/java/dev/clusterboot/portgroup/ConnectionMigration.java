package dev.clusterboot.portgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Reads Linux's {@code net.ipv4.tcp_migrate_req} (Linux 5.14+, per network namespace).
 * When it is 1, connections waiting in the accept queue of a listener that closes are
 * moved to the other listeners of its {@code SO_REUSEPORT} group; when it is 0 they are
 * reset. The master only reads it: setting it needs root, and is the operator's call.
 *
 * @author cluster-spring-boot-starter
 */
public final class ConnectionMigration {

	public static final Path SETTING = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

	private ConnectionMigration() {
	}

	/**
	 * Read the setting.
	 * @param setting the file to read
	 * @return whether migration is on, or {@code null} when the platform has no such
	 * setting
	 */
	public static @Nullable Boolean detect(Path setting) {
		try {
			return "1".equals(Files.readString(setting).trim());
		}
		catch (IOException ex) {
			return null;
		}
	}

	public static String advice() {
		return "net.ipv4.tcp_migrate_req is 0, so connections still waiting in a worker's accept queue when it "
				+ "leaves the port (rolling restart, scale-down, recycling) are reset instead of moved to the other "
				+ "workers. Set it to 1 ('sysctl -w net.ipv4.tcp_migrate_req=1' as root, in the network namespace "
				+ "the workers run in) for replacements that lose no connection.";
	}

}
