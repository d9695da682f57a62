package dev.clusterboot.leanmaster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the master does to its own JVM to hold little memory once its workers are up,
 * decided from the collector, the JDK and the flags as they are: the master serves
 * nothing and keeps about 10 MiB live, but with default flags it holds the heap its
 * start-up grew (170 to 190 MiB of RSS). The JVM options are also the workers', so the
 * master changes only its own JVM, at run time, and only what the user left at its
 * default:
 * <ul>
 * <li>one full collection, after which the heap can shrink;</li>
 * <li>on G1 and Serial, {@code MinHeapFreeRatio=10} and {@code MaxHeapFreeRatio=20}
 * (manageable flags), so that a collection gives back all but a fifth of free heap;</li>
 * <li>on G1 from JDK 12, {@code G1PeriodicGCInterval=60000}, so that an idle master still
 * collects and returns memory every minute;</li>
 * <li>where the JDK has it, the {@code System.trim_native_heap} diagnostic command, which
 * returns freed C heap to the operating system.</li>
 * </ul>
 * The order of the two ratios is chosen so that {@code Min <= Max} holds after each step,
 * which the JVM checks.
 *
 * @param flags the manageable flags to set, in order, with their values
 * @param fullCollection whether to run one full collection
 * @param trimNativeHeap whether to trim the native heap after it
 * @author cluster-spring-boot-starter
 */
record LeanMasterPlan(Map<String, String> flags, boolean fullCollection, boolean trimNativeHeap) {

	static final String MIN_FREE = "MinHeapFreeRatio";

	static final String MAX_FREE = "MaxHeapFreeRatio";

	static final String PERIODIC_GC = "G1PeriodicGCInterval";

	static final int TARGET_MIN_FREE = 10;

	static final int TARGET_MAX_FREE = 20;

	static final long PERIODIC_GC_MILLIS = 60_000;

	/**
	 * Decide what to do on a JVM.
	 * @param jvm the JVM as it runs
	 * @return the plan
	 */
	static LeanMasterPlan of(Jvm jvm) {
		Map<String, String> flags = new LinkedHashMap<>();
		if (jvm.collector() == Collector.G1 || jvm.collector() == Collector.SERIAL) {
			freeRatios(jvm.flags(), flags);
		}
		Flag periodic = jvm.flags().get(PERIODIC_GC);
		if (jvm.collector() == Collector.G1 && jvm.feature() >= 12 && isOurs(periodic) && "0".equals(periodic.value())) {
			flags.put(PERIODIC_GC, Long.toString(PERIODIC_GC_MILLIS));
		}
		boolean collects = jvm.collector() != Collector.EPSILON;
		return new LeanMasterPlan(Collections.unmodifiableMap(flags), collects, collects && jvm.trimNativeHeap());
	}

	private static void freeRatios(Map<String, Flag> current, Map<String, String> flags) {
		Flag min = current.get(MIN_FREE);
		Flag max = current.get(MAX_FREE);
		if (!isOurs(min) || !isOurs(max)) {
			return;
		}
		int currentMin;
		try {
			currentMin = Integer.parseInt(min.value().trim());
		}
		catch (NumberFormatException ex) {
			return;
		}
		if (currentMin > TARGET_MAX_FREE) {
			flags.put(MIN_FREE, Integer.toString(TARGET_MIN_FREE));
			flags.put(MAX_FREE, Integer.toString(TARGET_MAX_FREE));
		}
		else {
			flags.put(MAX_FREE, Integer.toString(TARGET_MAX_FREE));
			flags.put(MIN_FREE, Integer.toString(TARGET_MIN_FREE));
		}
	}

	/**
	 * Whether a flag exists, may change at run time and was left to the JVM.
	 */
	private static boolean isOurs(Flag flag) {
		return flag != null && flag.writeable() && !flag.setByUser();
	}

	/**
	 * Whether there is nothing to do.
	 * @return {@code true} for an empty plan
	 */
	boolean isEmpty() {
		return this.flags.isEmpty() && !this.fullCollection && !this.trimNativeHeap;
	}

	/**
	 * Say what the plan does, for the master's log.
	 * @return a short description
	 */
	String describe() {
		List<String> steps = new ArrayList<>();
		if (this.fullCollection) {
			steps.add("one full collection");
		}
		this.flags.forEach((name, value) -> steps.add(name + "=" + value + (PERIODIC_GC.equals(name) ? " (ms)" : "")));
		if (this.trimNativeHeap) {
			steps.add("native heap trimmed");
		}
		return steps.isEmpty() ? "nothing to do on this JVM" : String.join(", ", steps);
	}

	/**
	 * The garbage collectors the plan tells apart.
	 */
	enum Collector {

		/** Garbage-First, the default on most machines. */
		G1,

		/** The serial collector, the default on small machines. */
		SERIAL,

		/** The parallel collector, which sizes the heap by its own adaptive policy. */
		PARALLEL,

		/** ZGC, which returns unused memory by itself. */
		Z,

		/** Shenandoah, which returns unused memory by itself. */
		SHENANDOAH,

		/** Epsilon, which never collects. */
		EPSILON,

		/** A collector or JVM the plan does not know. */
		OTHER

	}

	/**
	 * The JVM the master runs on, as far as the plan needs to know.
	 *
	 * @param feature the JDK's feature release, such as 17
	 * @param collector the garbage collector in use
	 * @param flags the flags the plan may change, by name; a flag the JVM lacks is absent
	 * @param trimNativeHeap whether the JDK has the {@code System.trim_native_heap} command
	 */
	record Jvm(int feature, Collector collector, Map<String, Flag> flags, boolean trimNativeHeap) {
	}

	/**
	 * One flag as the JVM reports it.
	 *
	 * @param value its current value
	 * @param writeable whether it may change at run time (a manageable flag)
	 * @param setByUser whether it was set on the command line, in an options file or an
	 * environment variable, rather than left to its default or the JVM's ergonomics
	 */
	record Flag(String value, boolean writeable, boolean setByUser) {
	}

}
