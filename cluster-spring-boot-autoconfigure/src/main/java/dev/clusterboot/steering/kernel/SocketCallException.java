package dev.clusterboot.steering.kernel;

/**
 * A socket call of {@link NativeSockets} that returned -1, with its errno. It carries no
 * JNA type, so that the classes that catch it load without JNA.
 *
 * @author cluster-spring-boot-starter
 */
class SocketCallException extends RuntimeException {

	private final int errno;

	SocketCallException(String call, int errno, Throwable cause) {
		super(call + " failed with " + Errno.describe(errno), cause);
		this.errno = errno;
	}

	/**
	 * Return the error number of the failed call.
	 * @return the errno
	 */
	int errno() {
		return this.errno;
	}

}
