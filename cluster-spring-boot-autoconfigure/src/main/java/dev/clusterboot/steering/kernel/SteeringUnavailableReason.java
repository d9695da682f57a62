package dev.clusterboot.steering.kernel;

/**
 * Why a worker cannot attach a steering program to the reuseport group of its port. A
 * worker reports it to the master once, and the master then leaves the kernel's hash in
 * charge of the port.
 *
 * @author cluster-spring-boot-starter
 * @see SteeringUnavailableException
 * @see SteeringAvailability
 */
public enum SteeringUnavailableReason {

	/**
	 * The worker does not run on Linux, or runs on an architecture whose socket option
	 * numbers differ from the generic ones (MIPS, SPARC, PA-RISC, Alpha), or has no
	 * {@code /proc/self/fd} to find its socket in.
	 */
	UNSUPPORTED_PLATFORM,

	/**
	 * JNA, which makes the {@code setsockopt} call, is not on the class path. The starter
	 * brings it; an application that depends on the auto-configuration alone adds
	 * {@code net.java.dev.jna:jna}.
	 */
	JNA_MISSING,

	/**
	 * JNA is present but its native library or the C library cannot be loaded, for
	 * example because {@code java.io.tmpdir} is mounted {@code noexec}; setting
	 * {@code jna.tmpdir} to an executable directory helps.
	 */
	NATIVE_LIBRARY_NOT_LOADABLE,

	/**
	 * No TCP socket of this process listens on the port: the web server has not started
	 * listening yet, or listens on another port.
	 */
	NO_LISTENING_SOCKET,

	/**
	 * A socket of this process listens on the port but without {@code SO_REUSEPORT}, so
	 * it has no reuseport group to steer.
	 */
	NOT_IN_REUSEPORT_GROUP,

	/**
	 * The kernel refused the {@code setsockopt} call; the exception names the errno.
	 */
	KERNEL_REFUSED

}
