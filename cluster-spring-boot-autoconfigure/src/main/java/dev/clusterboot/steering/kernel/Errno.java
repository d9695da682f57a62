package dev.clusterboot.steering.kernel;

import java.util.Map;

/**
 * The names of the Linux error numbers that the socket calls of steering can meet, so
 * that a message says {@code EINVAL} rather than 22. The numbers are those of
 * {@code asm-generic/errno-base.h} and {@code asm-generic/errno.h}, which every
 * architecture that steering supports uses.
 *
 * @author cluster-spring-boot-starter
 */
final class Errno {

	/** The program, or the group's program to detach, does not exist. */
	static final int ENOENT = 2;

	private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(1, "EPERM"), Map.entry(ENOENT, "ENOENT"),
			Map.entry(9, "EBADF"), Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"),
			Map.entry(22, "EINVAL"), Map.entry(88, "ENOTSOCK"), Map.entry(92, "ENOPROTOOPT"),
			Map.entry(95, "EOPNOTSUPP"));

	private Errno() {
	}

	/**
	 * Return the symbolic name of an error number.
	 * @param errno the error number
	 * @return its name, such as {@code EINVAL}, or {@code errno 42} when it has none here
	 */
	static String name(int errno) {
		return NAMES.getOrDefault(errno, "errno " + errno);
	}

	/**
	 * Describe an error number with its name and number, as messages show it.
	 * @param errno the error number
	 * @return for example {@code EINVAL (22)}
	 */
	static String describe(int errno) {
		String name = NAMES.get(errno);
		return (name != null) ? name + " (" + errno + ")" : "errno " + errno;
	}

}
