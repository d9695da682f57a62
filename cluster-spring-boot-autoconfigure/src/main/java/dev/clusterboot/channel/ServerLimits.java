package dev.clusterboot.channel;

/**
 * What a server allows its peers.
 *
 * @param connections the most connections it serves at once
 * @param lineBytes the longest line it reads, in bytes without the newline
 * @author cluster-spring-boot-starter
 */
public record ServerLimits(int connections, int lineBytes) {

	/**
	 * The master's: room for 64 workers, each with its connection and a few short ones
	 * for status and commands, several times over; lines far longer than any hello,
	 * heartbeat or request.
	 */
	public static final ServerLimits MASTER = new ServerLimits(512, 64 * 1024);

	/**
	 * Check the limits.
	 */
	public ServerLimits {
		if (connections < 1 || lineBytes < 1) {
			throw new IllegalArgumentException(
					"Limits must be positive, not " + connections + " connections of " + lineBytes + " bytes");
		}
	}

}
