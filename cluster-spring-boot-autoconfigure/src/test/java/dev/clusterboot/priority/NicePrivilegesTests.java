package dev.clusterboot.priority;

import org.junit.jupiter.api.Test;

import dev.clusterboot.api.status.BootPriorityMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NicePrivileges}: which mode the master may use, from the texts of
 * {@code /proc/self/status} and {@code /proc/self/limits}.
 */
class NicePrivilegesTests {

	private static final String ROOT_STATUS = "Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t000001fffeffffff\n";

	private static final String USER_STATUS = "Name:\tjava\nCapEff:\t0000000000000000\n";

	private static final String NO_NICE_LIMIT = """
			Limit                     Soft Limit           Hard Limit           Units
			Max realtime priority     0                    0
			Max nice priority         0                    0
			""";

	@Test
	void rootWithSysNiceMayRestore() {
		assertThat(NicePrivileges.hasSysNice(ROOT_STATUS)).isTrue();
		assertThat(NicePrivileges.canRaiseTo(ROOT_STATUS, NO_NICE_LIMIT, 0)).isTrue();
		assertThat(NicePrivileges.mode(true, true, true)).isEqualTo(BootPriorityMode.LOWER_AND_RESTORE);
	}

	@Test
	void aProcessWithoutSysNiceAndWithoutANiceLimitMayOnlyLower() {
		assertThat(NicePrivileges.hasSysNice(USER_STATUS)).isFalse();
		assertThat(NicePrivileges.canRaiseTo(USER_STATUS, NO_NICE_LIMIT, 0)).isFalse();
		assertThat(NicePrivileges.mode(true, true, false)).isEqualTo(BootPriorityMode.LOWER_ONLY);
	}

	@Test
	void rootInAContainerThatDroppedSysNiceMayOnlyLower() {
		String status = "CapEff:\t00000000a80425fb\n";
		assertThat(NicePrivileges.hasSysNice(status)).isFalse();
		assertThat(NicePrivileges.canRaiseTo(status, NO_NICE_LIMIT, 0)).isFalse();
	}

	@Test
	void aNiceLimitAllowsRaisingDownToTwentyMinusTheLimit() {
		String limits = "Max nice priority         20                   20\n";
		assertThat(NicePrivileges.niceLimit(limits)).isEqualTo(20);
		assertThat(NicePrivileges.canRaiseTo(USER_STATUS, limits, 0)).isTrue();
		assertThat(NicePrivileges.canRaiseTo(USER_STATUS, "Max nice priority 15 20\n", 0)).isFalse();
		assertThat(NicePrivileges.canRaiseTo(USER_STATUS, "Max nice priority 15 20\n", 5)).isTrue();
		assertThat(NicePrivileges.niceLimit("Max nice priority unlimited unlimited\n")).isEqualTo(40);
	}

	@Test
	void unreadableFilesGrantNothing() {
		assertThat(NicePrivileges.canRaiseTo("", "", 0)).isFalse();
		assertThat(NicePrivileges.canRaiseTo("CapEff:\tzz\n", "Max nice priority x\n", 0)).isFalse();
	}

	@Test
	void offWhenDisabledAndUnavailableWithoutTheMeans() {
		assertThat(NicePrivileges.mode(false, true, true)).isEqualTo(BootPriorityMode.OFF);
		assertThat(NicePrivileges.mode(true, false, false)).isEqualTo(BootPriorityMode.UNAVAILABLE);
	}

}
