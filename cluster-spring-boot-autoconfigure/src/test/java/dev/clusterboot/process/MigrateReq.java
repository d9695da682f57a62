package dev.clusterboot.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Sets Linux's {@code net.ipv4.tcp_migrate_req} for a test and puts it back afterwards.
 * Setting it needs root; where that is not possible the test is skipped with a message
 * that says so.
 * <p>
 * The setting is the machine's, and the suite runs test classes in two JVMs at once. So
 * the tests that set it keep a shared record next to a lock file: the value found before
 * the first of them set it, and the pid of each test JVM that holds it. Only the last
 * holder puts the value back, and holders that died (a killed test run) are dropped, so
 * one test never has the setting put back under the feet of another.
 */
final class MigrateReq implements AutoCloseable {

	private static final Path SETTING = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

	private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"),
			"cluster-spring-boot-tests-tcp_migrate_req.lock");

	private static final Path HOLDERS = Path.of(System.getProperty("java.io.tmpdir"),
			"cluster-spring-boot-tests-tcp_migrate_req.holders");

	private final boolean set;

	private final String unavailable;

	private MigrateReq(boolean set, String unavailable) {
		this.set = set;
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
		if (!Files.exists(SETTING)) {
			return new MigrateReq(false, "This kernel has no net.ipv4.tcp_migrate_req (Linux 5.14+ needed)");
		}
		try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock lock = channel.lock()) {
			List<String> record = liveRecord();
			String current = Files.readString(SETTING).trim();
			String before = record.isEmpty() ? current : record.get(0);
			if (record.size() > 1 && !current.equals(value)) {
				return new MigrateReq(false, "Another test holds net.ipv4.tcp_migrate_req=" + current);
			}
			Files.writeString(SETTING, value);
			List<String> updated = new ArrayList<>(record.isEmpty() ? List.of(before) : record);
			updated.add(Long.toString(ProcessHandle.current().pid()));
			Files.write(HOLDERS, updated);
			return new MigrateReq(true, "");
		}
		catch (IOException ex) {
			return new MigrateReq(false, "Cannot set net.ipv4.tcp_migrate_req=" + value + " (needs root): " + ex);
		}
	}

	/**
	 * Read the shared record, without holders that are no longer alive: the value before
	 * the first holder, then the live holders' pids; only that value when no live test
	 * holds the setting (a killed run left it), and empty when there is no record.
	 */
	private static List<String> liveRecord() throws IOException {
		if (!Files.exists(HOLDERS)) {
			return List.of();
		}
		List<String> lines = Files.readAllLines(HOLDERS);
		if (lines.isEmpty()) {
			return List.of();
		}
		List<String> live = new ArrayList<>(List.of(lines.get(0)));
		lines.stream()
			.skip(1)
			.filter((pid) -> ProcessHandle.of(Long.parseLong(pid.trim())).map(ProcessHandle::isAlive).orElse(false))
			.forEach(live::add);
		return (live.size() > 1) ? live : List.of(lines.get(0));
	}

	boolean isSet() {
		return this.set;
	}

	/**
	 * Why the value could not be set, or an empty string when it was.
	 */
	String unavailable() {
		return this.unavailable;
	}

	@Override
	public void close() throws IOException {
		if (!this.set) {
			return;
		}
		try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock lock = channel.lock()) {
			List<String> record = new ArrayList<>(liveRecord());
			record.remove(Long.toString(ProcessHandle.current().pid()));
			if (record.size() <= 1) {
				if (!record.isEmpty()) {
					Files.writeString(SETTING, record.get(0));
				}
				Files.deleteIfExists(HOLDERS);
			}
			else {
				Files.write(HOLDERS, record);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
