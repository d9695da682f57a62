package dev.clusterboot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a failed steering test says about the port's group: the processes whose sockets
 * listen on the port, in the order they joined, as Linux lists them in
 * {@code /proc/net/tcp6} (and, newest first, {@code /proc/net/tcp}). A diagnosis only:
 * that listing's order is the kernel's, not a promise.
 */
final class ListeningSockets {

	private ListeningSockets() {
	}

	/**
	 * Describe the listening sockets of the given processes on a port, in join order.
	 * @param port the port
	 * @param pids the processes
	 * @return their process ids in join order, or why they could not be read
	 */
	static String joinOrder(int port, Collection<Long> pids) {
		try {
			Map<String, Long> owners = new HashMap<>();
			for (long pid : pids) {
				owners.putAll(socketsOf(pid));
			}
			List<Long> order = listed(Path.of("/proc/net/tcp6"), port, owners);
			List<Long> ipv4 = listed(Path.of("/proc/net/tcp"), port, owners);
			Collections.reverse(ipv4);
			order.addAll(ipv4);
			return order.toString();
		}
		catch (IOException | RuntimeException ex) {
			return "unknown (" + ex + ")";
		}
	}

	private static Map<String, Long> socketsOf(long pid) throws IOException {
		Map<String, Long> sockets = new HashMap<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path fd : (Iterable<Path>) fds::iterator) {
				String link = Files.readSymbolicLink(fd).toString();
				if (link.startsWith("socket:[")) {
					sockets.put(link.substring("socket:[".length(), link.length() - 1), pid);
				}
			}
		}
		return sockets;
	}

	private static List<Long> listed(Path table, int port, Map<String, Long> owners) throws IOException {
		String local = String.format(Locale.ROOT, ":%04X", port);
		List<Long> order = new ArrayList<>();
		for (String line : Files.readAllLines(table)) {
			String[] fields = line.trim().split("\\s+");
			boolean listening = fields.length > 9 && fields[1].endsWith(local) && "0A".equals(fields[3]);
			if (listening && owners.containsKey(fields[9])) {
				order.add(owners.get(fields[9]));
			}
		}
		return order;
	}

}
