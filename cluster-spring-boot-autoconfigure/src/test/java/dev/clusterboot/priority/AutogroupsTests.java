package dev.clusterboot.priority;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Autogroups}: when the kernel's autogroups share the CPU between this
 * process's workers, decided from the text of {@code /proc} files.
 */
class AutogroupsTests {

	@Test
	void applyInTheRootOfACgroupV1CpuHierarchy() {
		String cgroups = "9:name=systemd:/\n4:memory:/process_api/f278\n2:cpuacct:/\n1:cpu:/\n0::/\n";
		assertThat(Autogroups.unavailableBecause("1\n", cgroups, (path) -> true, () -> true)).isNull();
		assertThat(Autogroups.unavailableBecause("1", "3:cpu,cpuacct:/\n", (path) -> true, () -> true)).isNull();
	}

	@Test
	void doNotApplyInsideACgroupV1CpuGroup() {
		assertThat(Autogroups.unavailableBecause("1", "3:cpu,cpuacct:/docker/4f2a\n", (path) -> false, () -> true))
			.isEqualTo("the process runs in the CPU cgroup /docker/4f2a");
	}

	@Test
	void applyInACgroupV2GroupWithoutACpuWeightOfItsOwn() {
		assertThat(Autogroups.unavailableBecause("1", "0::/\n", (path) -> true, () -> true)).isNull();
		assertThat(Autogroups.unavailableBecause("1", "0::/user.slice/session-4.scope\n", (path) -> false, () -> true)).isNull();
	}

	@Test
	void doNotApplyInACgroupV2GroupWithACpuWeight() {
		assertThat(Autogroups.unavailableBecause("1", "0::/system.slice/app.service\n",
				"/system.slice/app.service"::equals, () -> true))
			.isEqualTo("the process runs in the CPU cgroup /system.slice/app.service");
	}

	@Test
	void doNotApplyWhenTheKernelHasThemOffOrNone() {
		assertThat(Autogroups.unavailableBecause("0\n", "0::/\n", (path) -> false, () -> true))
			.isEqualTo("autogroups are off (kernel.sched_autogroup_enabled=0)");
		assertThat(Autogroups.unavailableBecause(null, "0::/\n", (path) -> false, () -> true))
			.isEqualTo("the kernel has no autogroup scheduler");
		assertThat(Autogroups.unavailableBecause("1", null, (path) -> false, () -> true))
			.isEqualTo("this process's cgroup is unknown");
	}

	@Test
	void doNotApplyWhereProcIsReadOnly() {
		assertThat(Autogroups.unavailableBecause("1", "0::/\n", (path) -> false, () -> false))
			.isEqualTo("the kernel refuses this process an autogroup nice value (/proc read-only, or a security module)");
	}

	@Test
	void launchWorkersThroughSetsidOnlyWhenTheyApply() {
		Autogroups applying = new Autogroups(java.nio.file.Path.of("/usr/bin/setsid"), null);
		assertThat(applying.apply()).isTrue();
		assertThat(applying.launchPrefix()).containsExactly("/usr/bin/setsid");
		Autogroups not = new Autogroups(null, "autogroups are off (kernel.sched_autogroup_enabled=0)");
		assertThat(not.apply()).isFalse();
		assertThat(not.launchPrefix()).isEmpty();
	}

}
