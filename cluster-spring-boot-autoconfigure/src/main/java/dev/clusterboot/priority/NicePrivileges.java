package dev.clusterboot.priority;

import java.math.BigInteger;

import dev.clusterboot.api.status.BootPriorityMode;

/**
 * What this process may do to its workers' nice values on Linux, read from
 * {@code /proc/self/status} and {@code /proc/self/limits}. Any process may raise the nice
 * value of its own user's processes (lower their priority); lowering it again (raising
 * the priority back) needs {@code CAP_SYS_NICE} (root has it unless a container dropped
 * it) or an {@code RLIMIT_NICE} soft limit of at least {@code 20 - nice}.
 *
 * @author cluster-spring-boot-starter
 */
final class NicePrivileges {

	/**
	 * The bit of {@code CAP_SYS_NICE} in a capability set.
	 */
	static final int CAP_SYS_NICE = 23;

	private NicePrivileges() {
	}

	/**
	 * Decide what the master may do.
	 * @param enabled whether {@code cluster.boot-priority.enabled} is true
	 * @param available whether the platform can change a process's threads' nice value
	 * @param canRaiseToMasterNice whether this process may bring a worker back to its own
	 * nice value
	 * @return the mode
	 */
	static BootPriorityMode mode(boolean enabled, boolean available, boolean canRaiseToMasterNice) {
		if (!enabled) {
			return BootPriorityMode.OFF;
		}
		if (!available) {
			return BootPriorityMode.UNAVAILABLE;
		}
		return canRaiseToMasterNice ? BootPriorityMode.LOWER_AND_RESTORE : BootPriorityMode.LOWER_ONLY;
	}

	/**
	 * Whether a process may set a nice value lower than its current one.
	 * @param status the text of {@code /proc/self/status}
	 * @param limits the text of {@code /proc/self/limits}
	 * @param nice the nice value to set
	 * @return {@code true} with {@code CAP_SYS_NICE} or a high enough {@code RLIMIT_NICE}
	 */
	static boolean canRaiseTo(String status, String limits, int nice) {
		return hasSysNice(status) || nice >= 20 - niceLimit(limits);
	}

	/**
	 * Whether the effective capabilities include {@code CAP_SYS_NICE}.
	 * @param status the text of {@code /proc/self/status}
	 * @return {@code true} when bit 23 of {@code CapEff} is set
	 */
	static boolean hasSysNice(String status) {
		for (String line : status.split("\n")) {
			if (line.startsWith("CapEff:")) {
				try {
					return new BigInteger(line.substring("CapEff:".length()).trim(), 16).testBit(CAP_SYS_NICE);
				}
				catch (NumberFormatException ex) {
					return false;
				}
			}
		}
		return false;
	}

	/**
	 * The soft {@code RLIMIT_NICE}: a process may set nice values down to
	 * {@code 20 - limit}.
	 * @param limits the text of {@code /proc/self/limits}
	 * @return the soft limit, 0 when absent, 40 when unlimited
	 */
	static int niceLimit(String limits) {
		for (String line : limits.split("\n")) {
			if (line.startsWith("Max nice priority")) {
				String[] values = line.substring("Max nice priority".length()).trim().split("\\s+");
				if (values.length == 0 || values[0].isEmpty()) {
					return 0;
				}
				if ("unlimited".equals(values[0])) {
					return 40;
				}
				try {
					return Integer.parseInt(values[0]);
				}
				catch (NumberFormatException ex) {
					return 0;
				}
			}
		}
		return 0;
	}

}
