package dev.clusterboot.steering.kernel;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a worker cannot attach or detach a steering program, with the
 * {@link SteeringUnavailableReason reason} and, when the kernel refused, its errno.
 *
 * @author cluster-spring-boot-starter
 */
public class SteeringUnavailableException extends RuntimeException {

	private final SteeringUnavailableReason reason;

	private final int errno;

	/**
	 * Create an exception for a reason other than the kernel's refusal.
	 * @param reason why steering is unavailable
	 * @param message what happened and what to do
	 * @param cause the underlying failure, if any
	 */
	public SteeringUnavailableException(SteeringUnavailableReason reason, String message, @Nullable Throwable cause) {
		this(reason, 0, message, cause);
	}

	private SteeringUnavailableException(SteeringUnavailableReason reason, int errno, String message,
			@Nullable Throwable cause) {
		super(reason + ": " + message, cause);
		this.reason = reason;
		this.errno = errno;
	}

	/**
	 * Create an exception for a {@code setsockopt} call that the kernel refused.
	 * @param call what was asked, for example
	 * {@code attach the steering program to fd 7 (port 8080)}
	 * @param errno the error number that the kernel returned
	 * @param cause the failed call
	 * @return the exception, with a hint for the usual error numbers
	 */
	static SteeringUnavailableException refused(String call, int errno, Throwable cause) {
		String message = "The kernel refused to " + call + " with " + Errno.describe(errno) + hint(errno);
		return new SteeringUnavailableException(SteeringUnavailableReason.KERNEL_REFUSED, errno, message, cause);
	}

	private static String hint(int errno) {
		return switch (Errno.name(errno)) {
			case "EPERM", "EACCES" -> ": a seccomp filter or a security module forbids the call";
			case "ENOPROTOOPT" -> ": the kernel predates SO_ATTACH_REUSEPORT_CBPF (Linux 4.5)";
			case "EINVAL" -> ": the program is invalid, or the socket is in no reuseport group";
			case "ENOMEM" -> ": the program is larger than net.core.optmem_max allows";
			default -> "";
		};
	}

	/**
	 * Return why steering is unavailable.
	 * @return the reason
	 */
	public SteeringUnavailableReason getReason() {
		return this.reason;
	}

	/**
	 * Return the error number that the kernel returned.
	 * @return the errno for {@link SteeringUnavailableReason#KERNEL_REFUSED}, otherwise 0
	 */
	public int getErrno() {
		return this.errno;
	}

	/**
	 * Return the symbolic name of the kernel's error number.
	 * @return for example {@code EINVAL}, {@code null} when the kernel was not asked
	 */
	public @Nullable String getErrnoName() {
		return (this.errno != 0) ? Errno.name(this.errno) : null;
	}

}
