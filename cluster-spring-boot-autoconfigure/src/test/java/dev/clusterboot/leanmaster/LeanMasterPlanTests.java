package dev.clusterboot.leanmaster;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clusterboot.leanmaster.LeanMasterPlan.Collector;
import dev.clusterboot.leanmaster.LeanMasterPlan.Flag;
import dev.clusterboot.leanmaster.LeanMasterPlan.Jvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeanMasterPlan}.
 */
class LeanMasterPlanTests {

	@Test
	void onG1ShrinksTheHeapAndCollectsWhenIdle() {
		LeanMasterPlan plan = LeanMasterPlan.of(new Jvm(17, Collector.G1, defaultFlags(), true));
		assertThat(plan.flags()).containsExactly(Map.entry("MinHeapFreeRatio", "10"),
				Map.entry("MaxHeapFreeRatio", "20"), Map.entry("G1PeriodicGCInterval", "60000"));
		assertThat(plan.fullCollection()).isTrue();
		assertThat(plan.trimNativeHeap()).isTrue();
	}

	@Test
	void lowersTheSmallerRatioFirstSoThatTheJvmAcceptsEachStep() {
		Map<String, Flag> flags = defaultFlags();
		LeanMasterPlan plan = LeanMasterPlan.of(new Jvm(17, Collector.SERIAL, flags, false));
		assertThat(plan.flags()).containsExactly(Map.entry("MinHeapFreeRatio", "10"),
				Map.entry("MaxHeapFreeRatio", "20"));
		assertThat(plan.trimNativeHeap()).isFalse();
	}

	@Test
	void raisesTheLargerRatioFirstWhenTheDefaultsAreBelowTheTarget() {
		Map<String, Flag> flags = defaultFlags();
		flags.put("MinHeapFreeRatio", new Flag("5", true, false));
		flags.put("MaxHeapFreeRatio", new Flag("8", true, false));
		LeanMasterPlan plan = LeanMasterPlan.of(new Jvm(17, Collector.G1, flags, false));
		assertThat(plan.flags().keySet()).startsWith("MaxHeapFreeRatio", "MinHeapFreeRatio");
	}

	@Test
	void leavesAloneEveryFlagTheUserSet() {
		Map<String, Flag> flags = defaultFlags();
		flags.put("MaxHeapFreeRatio", new Flag("30", true, true));
		flags.put("G1PeriodicGCInterval", new Flag("0", true, true));
		LeanMasterPlan plan = LeanMasterPlan.of(new Jvm(17, Collector.G1, flags, false));
		assertThat(plan.flags()).isEmpty();
		assertThat(plan.fullCollection()).isTrue();
	}

	@Test
	void setsNoFlagThatTheJvmCannotChangeAtRunTime() {
		Map<String, Flag> flags = defaultFlags();
		flags.put("G1PeriodicGCInterval", new Flag("0", false, false));
		flags.remove("MinHeapFreeRatio");
		LeanMasterPlan plan = LeanMasterPlan.of(new Jvm(17, Collector.G1, flags, false));
		assertThat(plan.flags()).isEmpty();
	}

	@Test
	void setsNoPeriodicCollectionBeforeJdk12() {
		LeanMasterPlan plan = LeanMasterPlan.of(new Jvm(11, Collector.G1, defaultFlags(), false));
		assertThat(plan.flags()).doesNotContainKey("G1PeriodicGCInterval");
	}

	@Test
	void keepsAPeriodicCollectionTheJvmAlreadyRuns() {
		Map<String, Flag> flags = defaultFlags();
		flags.put("G1PeriodicGCInterval", new Flag("300000", true, false));
		LeanMasterPlan plan = LeanMasterPlan.of(new Jvm(17, Collector.G1, flags, false));
		assertThat(plan.flags()).doesNotContainKey("G1PeriodicGCInterval");
	}

	@Test
	void onCollectorsThatIgnoreTheRatiosOnlyCollectsAndTrims() {
		for (Collector collector : new Collector[] { Collector.PARALLEL, Collector.Z, Collector.SHENANDOAH,
				Collector.OTHER }) {
			LeanMasterPlan plan = LeanMasterPlan.of(new Jvm(21, collector, defaultFlags(), true));
			assertThat(plan.flags()).as(collector.name()).isEmpty();
			assertThat(plan.fullCollection()).as(collector.name()).isTrue();
			assertThat(plan.trimNativeHeap()).as(collector.name()).isTrue();
		}
	}

	@Test
	void doesNothingOnEpsilonWhichNeverCollects() {
		LeanMasterPlan plan = LeanMasterPlan.of(new Jvm(17, Collector.EPSILON, defaultFlags(), false));
		assertThat(plan.isEmpty()).isTrue();
		assertThat(plan.describe()).isEqualTo("nothing to do on this JVM");
	}

	@Test
	void describesWhatItDoes() {
		LeanMasterPlan plan = LeanMasterPlan.of(new Jvm(17, Collector.G1, defaultFlags(), true));
		assertThat(plan.describe()).isEqualTo("one full collection, MinHeapFreeRatio=10, MaxHeapFreeRatio=20, "
				+ "G1PeriodicGCInterval=60000 (ms), native heap trimmed");
	}

	private static Map<String, Flag> defaultFlags() {
		Map<String, Flag> flags = new HashMap<>();
		flags.put("MinHeapFreeRatio", new Flag("40", true, false));
		flags.put("MaxHeapFreeRatio", new Flag("70", true, false));
		flags.put("G1PeriodicGCInterval", new Flag("0", true, false));
		return flags;
	}

}
