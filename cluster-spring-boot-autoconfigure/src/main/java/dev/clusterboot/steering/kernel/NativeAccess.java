package dev.clusterboot.steering.kernel;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * The one place that decides whether steering's socket calls can run here, and loads
 * {@link NativeSockets} only when they can: on Linux, on an architecture with the generic
 * socket option numbers, with JNA on the class path and its native library loadable.
 * Nothing else refers to JNA before this check, so that the starter loads without it.
 *
 * @author cluster-spring-boot-starter
 */
final class NativeAccess {

	/** The architectures whose {@code SO_*} numbers are not {@code asm-generic}'s. */
	private static final Set<String> OTHER_SOCKET_NUMBERS = Set.of("mips", "sparc", "parisc", "hppa", "alpha");

	private static volatile @Nullable NativeSockets loaded;

	private NativeAccess() {
	}

	/**
	 * Return the socket calls of this JVM, loading them on first use.
	 * @return the calls
	 * @throws SteeringUnavailableException when they cannot run here
	 */
	static NativeSockets sockets() {
		NativeSockets sockets = loaded;
		if (sockets == null) {
			sockets = load(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
					NativeAccess.class.getClassLoader());
			loaded = sockets;
		}
		return sockets;
	}

	/**
	 * Load the socket calls for a platform and a class path.
	 * @param osName the {@code os.name} of the JVM
	 * @param osArch the {@code os.arch} of the JVM
	 * @param classLoader where to look for JNA
	 * @return the calls
	 * @throws SteeringUnavailableException when they cannot run there
	 */
	static NativeSockets load(String osName, String osArch, @Nullable ClassLoader classLoader) {
		if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
			throw new SteeringUnavailableException(SteeringUnavailableReason.UNSUPPORTED_PLATFORM,
					"Reuseport programs are a Linux feature; this JVM runs on " + osName, null);
		}
		String arch = osArch.toLowerCase(Locale.ROOT);
		if (OTHER_SOCKET_NUMBERS.stream().anyMatch(arch::startsWith)) {
			throw new SteeringUnavailableException(SteeringUnavailableReason.UNSUPPORTED_PLATFORM,
					"Linux on " + osArch + " numbers its socket options differently", null);
		}
		if (!ClassUtils.isPresent("com.sun.jna.Native", classLoader)) {
			throw new SteeringUnavailableException(SteeringUnavailableReason.JNA_MISSING,
					"JNA is not on the class path; add net.java.dev.jna:jna or use the starter", null);
		}
		try {
			return NativeSockets.load();
		}
		catch (LinkageError ex) {
			throw new SteeringUnavailableException(SteeringUnavailableReason.NATIVE_LIBRARY_NOT_LOADABLE,
					"JNA cannot load its native library or the C library (" + ex
							+ "); if java.io.tmpdir is noexec, set jna.tmpdir to an executable directory",
					ex);
		}
	}

}
