package dev.clusterboot.priority;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Whether Linux's autogroup scheduler shares the CPU between this master's workers.
 * <p>
 * With autogroups on (the kernel's default on most distributions,
 * {@code /proc/sys/kernel/sched_autogroup_enabled}), the scheduler shares the CPU between
 * sessions before it shares it between threads. A worker launched through
 * {@code setsid} leads a session, and so an autogroup, of its own: a booting JVM with a
 * few threads then gets its share against a serving worker with dozens of busy ones, and
 * a serving worker's priority can be set as a whole in {@code /proc/PID/autogroup}, which
 * any user may lower and raise back within 0 to 19. Autogroups apply only to processes
 * in the root of the CPU controller's cgroup tree: not inside a systemd service or a
 * container that has a CPU weight of its own, where the master changes threads' nice
 * values instead. Nor do they help where the kernel refuses this process an autogroup's
 * nice value ({@code /proc} mounted read-only, as some sandboxes do, or a security
 * module): writing its own autogroup's value back, which changes nothing, tells.
 *
 * @param setsid the {@code setsid} command that launches each worker in a session of its
 * own, or {@code null} when autogroups do not apply
 * @param reason why they do not apply, or {@code null} when they do
 * @author cluster-spring-boot-starter
 */
public record Autogroups(@Nullable Path setsid, @Nullable String reason) {

	private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

	/**
	 * Detect them for this process.
	 * @param proc the {@code /proc} directory
	 * @param path the value of {@code PATH}
	 * @return what was found
	 */
	static Autogroups detect(Path proc, @Nullable String path) {
		String reason = unavailableBecause(ProcFiles.read(proc.resolve("sys/kernel/sched_autogroup_enabled")),
				ProcFiles.read(proc.resolve("self/cgroup")), (cgroup) -> Files.exists(cgroupFile(cgroup, "cpu.weight")),
				() -> canSetItsOwnAutogroup(proc));
		Path setsid = (reason == null) ? CommandPath.find("setsid", path) : null;
		if (reason == null && setsid == null) {
			reason = "no 'setsid' command on the PATH";
		}
		return new Autogroups(setsid, reason);
	}

	/**
	 * Return whether each worker runs in an autogroup of its own.
	 * @return {@code true} when workers are launched through {@code setsid}
	 */
	boolean apply() {
		return this.setsid != null;
	}

	/**
	 * The command prefix that launches a worker in a session of its own.
	 * @return {@code setsid}, or nothing
	 */
	public List<String> launchPrefix() {
		return (this.setsid != null) ? List.of(this.setsid.toString()) : List.of();
	}

	/**
	 * Why autogroups do not share the CPU between this process's workers.
	 * @param enabled the text of {@code /proc/sys/kernel/sched_autogroup_enabled}, or
	 * {@code null} when the kernel has no autogroups
	 * @param cgroups the text of {@code /proc/self/cgroup}
	 * @param hasCpuWeight whether a cgroup v2 path has a CPU weight of its own (the root
	 * has none)
	 * @param writable whether this process may set its own autogroup's nice value (not
	 * where {@code /proc} is mounted read-only), asked only once autogroups are on
	 * @return the reason, or {@code null} when they do
	 */
	static @Nullable String unavailableBecause(@Nullable String enabled, @Nullable String cgroups,
			Predicate<String> hasCpuWeight, BooleanSupplier writable) {
		if (enabled == null) {
			return "the kernel has no autogroup scheduler";
		}
		if (!"1".equals(enabled.trim())) {
			return "autogroups are off (kernel.sched_autogroup_enabled=0)";
		}
		if (!writable.getAsBoolean()) {
			return "the kernel refuses this process an autogroup nice value (/proc read-only, or a security module)";
		}
		if (cgroups == null) {
			return "this process's cgroup is unknown";
		}
		String unified = null;
		for (String line : cgroups.split("\n")) {
			String[] fields = line.split(":", 3);
			if (fields.length < 3) {
				continue;
			}
			if (fields[0].equals("0") && fields[1].isEmpty()) {
				unified = fields[2];
			}
			else if (List.of(fields[1].split(",")).contains("cpu")) {
				return fields[2].equals("/") ? null : "the process runs in the CPU cgroup " + fields[2];
			}
		}
		if (unified == null) {
			return "this process's cgroup is unknown";
		}
		return (unified.equals("/") || !hasCpuWeight.test(unified)) ? null
				: "the process runs in the CPU cgroup " + unified;
	}

	/**
	 * Whether this process may set an autogroup's nice value: it writes its own
	 * autogroup's current value back, which changes nothing, and sees whether the kernel
	 * takes it (a read-only {@code /proc}, or a security module, refuses).
	 */
	private static boolean canSetItsOwnAutogroup(Path proc) {
		Path own = proc.resolve("self/autogroup");
		String line = ProcFiles.read(own);
		if (line == null || !Files.isWritable(own)) {
			return false;
		}
		Integer nice = AutogroupNice.niceOf(line);
		return nice != null && AutogroupNice.write(own, nice, false) != AutogroupNice.Written.REFUSED;
	}

	private static Path cgroupFile(String cgroup, String name) {
		return CGROUP_ROOT.resolve(cgroup.substring(1)).resolve(name);
	}

}
