package dev.clusterboot.leanmaster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.leanmaster.LeanMasterPlan.Collector;
import dev.clusterboot.leanmaster.LeanMasterPlan.Flag;
import dev.clusterboot.supervision.ClusterMaster;

/**
 * Makes the master's own JVM hold little memory once its first workers are up, by the
 * {@link LeanMasterPlan} decided for the collector and JDK it runs on: on a daemon thread,
 * so that it never delays the workers' start, and never in a worker. Whatever the JVM
 * refuses (a flag it lacks, a value it rejects, a JVM without the HotSpot MXBeans) is
 * skipped: nothing here can stop the master. It logs one line saying what it did, with the
 * master's resident memory before and after where the platform shows it.
 * <p>
 * The native heap is trimmed again every {@link #TRIM_INTERVAL}, as the periodic
 * collections free C heap that glibc keeps otherwise.
 *
 * @author cluster-spring-boot-starter
 */
public final class LeanMaster {

	private static final Log logger = LogFactory.getLog(LeanMaster.class);

	static final Duration MAX_WAIT_FOR_FIRST_WORKERS = Duration.ofMinutes(5);

	static final Duration TRIM_INTERVAL = Duration.ofMinutes(1);

	private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

	private static final String TRIM_OPERATION = "systemTrimNativeHeap";

	private static final Map<String, Collector> COLLECTOR_FLAGS = Map.of("UseG1GC", Collector.G1, "UseSerialGC",
			Collector.SERIAL, "UseParallelGC", Collector.PARALLEL, "UseZGC", Collector.Z, "UseShenandoahGC",
			Collector.SHENANDOAH, "UseEpsilonGC", Collector.EPSILON);

	private LeanMaster() {
	}

	/**
	 * Start making the master lean once its first workers are all up.
	 * @param master the running master
	 */
	public static void start(ClusterMaster master) {
		Thread thread = new Thread(() -> run(master), "cluster-lean-master");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	private static void run(ClusterMaster master) {
		try {
			master.awaitFirstAllUp(MAX_WAIT_FOR_FIRST_WORKERS);
			long before = residentKib();
			LeanMasterPlan plan = LeanMasterPlan.of(inspect());
			String done = apply(plan);
			long after = residentKib();
			logger.info("Lean master: " + done + ((before > 0 && after > 0)
					? "; resident memory " + (before / 1024) + " MiB -> " + (after / 1024) + " MiB" : ""));
			while (plan.trimNativeHeap()) {
				Thread.sleep(TRIM_INTERVAL.toMillis());
				trimNativeHeap();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Lean master: stopped early", ex);
		}
	}

	/**
	 * Read what the plan needs from this JVM.
	 */
	static LeanMasterPlan.Jvm inspect() {
		Map<String, Flag> flags = new HashMap<>();
		Collector collector = Collector.OTHER;
		HotSpotDiagnosticMXBean hotSpot = hotSpot();
		if (hotSpot != null) {
			for (Map.Entry<String, Collector> entry : COLLECTOR_FLAGS.entrySet()) {
				Flag flag = flag(hotSpot, entry.getKey());
				if (flag != null && "true".equals(flag.value())) {
					collector = entry.getValue();
				}
			}
			for (String name : List.of(LeanMasterPlan.MIN_FREE, LeanMasterPlan.MAX_FREE, LeanMasterPlan.PERIODIC_GC)) {
				Flag flag = flag(hotSpot, name);
				if (flag != null) {
					flags.put(name, flag);
				}
			}
		}
		return new LeanMasterPlan.Jvm(Runtime.version().feature(), collector, flags, hasTrimNativeHeap());
	}

	private static String apply(LeanMasterPlan plan) {
		StringBuilder refused = new StringBuilder();
		HotSpotDiagnosticMXBean hotSpot = hotSpot();
		plan.flags().forEach((name, value) -> {
			try {
				if (hotSpot != null) {
					hotSpot.setVMOption(name, value);
				}
			}
			catch (RuntimeException ex) {
				refused.append("; the JVM refused ").append(name).append('=').append(value).append(" (")
					.append(ex.getMessage()).append(')');
			}
		});
		if (plan.fullCollection()) {
			System.gc(); // after the ratios, so that the heap shrinks by them at once
		}
		if (plan.trimNativeHeap()) {
			trimNativeHeap();
		}
		return plan.describe() + refused;
	}

	private static @Nullable HotSpotDiagnosticMXBean hotSpot() {
		try {
			return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static @Nullable Flag flag(HotSpotDiagnosticMXBean hotSpot, String name) {
		try {
			VMOption option = hotSpot.getVMOption(name);
			boolean byUser = option.getOrigin() != VMOption.Origin.DEFAULT
					&& option.getOrigin() != VMOption.Origin.ERGONOMIC;
			return new Flag(option.getValue(), option.isWriteable(), byUser);
		}
		catch (RuntimeException ex) {
			return null; // a flag this JVM does not have
		}
	}

	private static boolean hasTrimNativeHeap() {
		try {
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			return Arrays.stream(server.getMBeanInfo(new ObjectName(DIAGNOSTIC_COMMAND)).getOperations())
				.anyMatch((operation) -> TRIM_OPERATION.equals(operation.getName()));
		}
		catch (Exception | LinkageError ex) {
			return false;
		}
	}

	private static void trimNativeHeap() {
		try {
			ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName(DIAGNOSTIC_COMMAND), TRIM_OPERATION, new Object[0], new String[0]);
		}
		catch (Exception ex) {
			logger.debug("Lean master: could not trim the native heap", ex);
		}
	}

	/**
	 * The master's resident memory in KiB, or 0 where {@code /proc} does not show it.
	 */
	private static long residentKib() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return 0;
	}

}
