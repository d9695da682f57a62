package dev.clusterboot.steering.kernel;

/**
 * A TCP socket of this process that listens on a port, as the kernel describes it: where
 * a steering program can be attached.
 * <p>
 * A Java {@code ServerSocketChannel} is {@link #AF_INET6} even when bound to an IPv4
 * address (it listens on {@code ::ffff:127.0.0.1}, dual-stack). Sockets of the two
 * families on one port are two reuseport groups, so all the workers of a port must listen
 * with the same family.
 *
 * @param fd the file descriptor
 * @param family the address family, {@link #AF_INET} or {@link #AF_INET6}
 * @param port the local port
 * @param reusePort whether the socket has {@code SO_REUSEPORT}, and so is in a reuseport
 * group
 * @author cluster-spring-boot-starter
 */
public record ListeningSocket(int fd, int family, int port, boolean reusePort) {

	/** The IPv4 address family. */
	public static final int AF_INET = 2;

	/** The IPv6 address family, which also takes IPv4 on a dual-stack socket. */
	public static final int AF_INET6 = 10;

	/**
	 * Create a listening socket.
	 * @param fd the file descriptor, not negative
	 * @param family {@link #AF_INET} or {@link #AF_INET6}
	 * @param port the local port, 1 to 65535
	 * @param reusePort whether the socket has {@code SO_REUSEPORT}
	 */
	public ListeningSocket {
		if (fd < 0) {
			throw new IllegalArgumentException("A file descriptor is not negative: " + fd);
		}
		if (family != AF_INET && family != AF_INET6) {
			throw new IllegalArgumentException("The family is AF_INET (2) or AF_INET6 (10), not " + family);
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("A listening port is 1 to 65535, not " + port);
		}
	}

	@Override
	public String toString() {
		return "fd " + this.fd + " (" + ((this.family == AF_INET) ? "AF_INET" : "AF_INET6") + ", port " + this.port
				+ (this.reusePort ? ", SO_REUSEPORT)" : ", no SO_REUSEPORT)");
	}

}
