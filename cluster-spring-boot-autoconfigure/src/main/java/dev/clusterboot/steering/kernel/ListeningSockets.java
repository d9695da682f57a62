package dev.clusterboot.steering.kernel;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Finds the TCP sockets of this process that listen on a port. The JDK hides the file
 * descriptor of a {@code ServerSocketChannel}, and Tomcat, Jetty and Reactor Netty each
 * hold theirs differently, so the finder asks the kernel instead: for every
 * {@code socket:[inode]} in {@code /proc/self/fd}, whether it listens
 * ({@code SO_ACCEPTCONN}), is TCP over IPv4 or IPv6, has {@code SO_REUSEPORT}, and on
 * which port ({@code getsockname}). No {@code --add-opens}, no parsing of
 * {@code /proc/net/tcp}.
 *
 * @author cluster-spring-boot-starter
 */
public final class ListeningSockets {

	private static final Path FDS = Path.of("/proc/self/fd");

	private static final String SOCKET_LINK = "socket:[";

	private static final int IPPROTO_TCP = 6;

	private final NativeSockets sockets;

	ListeningSockets(NativeSockets sockets) {
		this.sockets = sockets;
	}

	/**
	 * Find the TCP sockets of this process that listen on a port, with or without
	 * {@code SO_REUSEPORT}.
	 * @param port the port
	 * @return the sockets in file descriptor order, empty when none listens on it
	 * @throws SteeringUnavailableException when the platform or the class path cannot
	 * make the calls
	 */
	public static List<ListeningSocket> find(int port) {
		return new ListeningSockets(NativeAccess.sockets()).listeningOn(port);
	}

	List<ListeningSocket> listeningOn(int port) {
		List<ListeningSocket> listening = new ArrayList<>();
		for (int fd : socketFds()) {
			ListeningSocket socket = describe(fd);
			if (socket != null && socket.port() == port) {
				listening.add(socket);
			}
		}
		return listening;
	}

	private @Nullable ListeningSocket describe(int fd) {
		try {
			if (this.sockets.intOption(fd, NativeSockets.SO_ACCEPTCONN) != 1
					|| this.sockets.intOption(fd, NativeSockets.SO_PROTOCOL) != IPPROTO_TCP) {
				return null;
			}
			int family = this.sockets.intOption(fd, NativeSockets.SO_DOMAIN);
			if (family != ListeningSocket.AF_INET && family != ListeningSocket.AF_INET6) {
				return null;
			}
			boolean reusePort = this.sockets.intOption(fd, NativeSockets.SO_REUSEPORT) != 0;
			return new ListeningSocket(fd, family, this.sockets.localPort(fd), reusePort);
		}
		catch (SocketCallException ex) {
			// closed since the listing, or not a socket any more
			return null;
		}
	}

	private static List<Integer> socketFds() {
		List<Integer> fds = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(FDS)) {
			for (Path entry : entries) {
				try {
					if (Files.readSymbolicLink(entry).toString().startsWith(SOCKET_LINK)) {
						fds.add(Integer.parseInt(entry.getFileName().toString()));
					}
				}
				catch (IOException ex) {
					// closed since the listing
				}
			}
		}
		catch (IOException ex) {
			throw new SteeringUnavailableException(SteeringUnavailableReason.UNSUPPORTED_PLATFORM,
					"Cannot list this process's file descriptors in " + FDS + " (is /proc mounted?)", ex);
		}
		fds.sort(null);
		return fds;
	}

}
