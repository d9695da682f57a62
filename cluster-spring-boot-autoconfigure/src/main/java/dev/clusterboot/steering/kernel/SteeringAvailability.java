package dev.clusterboot.steering.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.steering.bpf.BpfInstruction;
import dev.clusterboot.steering.bpf.BpfProgram;

/**
 * Whether a worker can steer its port, as it reports it to the master once: available,
 * or the reason why not.
 *
 * @param reason why steering is unavailable, {@code null} when it is available
 * @param description {@code available}, or what stands in the way and what to do
 * @author cluster-spring-boot-starter
 */
public record SteeringAvailability(@Nullable SteeringUnavailableReason reason, String description) {

	private static final SteeringAvailability AVAILABLE = new SteeringAvailability(null, "available");

	/**
	 * Probe, once the web server listens, everything that attaching needs: the platform,
	 * JNA, a socket of this process in the port's reuseport group, and the kernel's
	 * acceptance of a program. The kernel is asked on a scratch socket of its own group on
	 * the loopback address, so that the port's program stays as it is.
	 * @param port the port that the worker's web server listens on
	 * @return the availability
	 */
	public static SteeringAvailability probe(int port) {
		try {
			new ReuseportSteering(port).members();
			tryScratchGroup();
			return AVAILABLE;
		}
		catch (SteeringUnavailableException ex) {
			return unavailable(ex);
		}
	}

	private static void tryScratchGroup() {
		try (ServerSocketChannel scratch = ServerSocketChannel.open()) {
			scratch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			scratch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = ((InetSocketAddress) scratch.getLocalAddress()).getPort();
			new ReuseportSteering(port).attach(new BpfProgram(List.of(BpfInstruction.ret(0))));
		}
		catch (IOException | UnsupportedOperationException ex) {
			throw new SteeringUnavailableException(SteeringUnavailableReason.UNSUPPORTED_PLATFORM,
					"Cannot open a scratch SO_REUSEPORT socket on the loopback address: " + ex, ex);
		}
	}

	/**
	 * Return the availability that an exception of {@link ReuseportSteering} describes.
	 * @param ex the exception
	 * @return unavailable, for the exception's reason
	 */
	public static SteeringAvailability unavailable(SteeringUnavailableException ex) {
		return new SteeringAvailability(ex.getReason(), ex.getMessage());
	}

	/**
	 * Return whether the worker can steer its port.
	 * @return {@code true} when no reason stands in the way
	 */
	public boolean isAvailable() {
		return this.reason == null;
	}

}
