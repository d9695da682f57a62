package dev.clusterboot.caches;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;

import dev.clusterboot.api.ClusterMessageTooLargeException;
import dev.clusterboot.api.ClusterMessages;
import dev.clusterboot.api.ClusterUnavailableException;

/**
 * Tells the host's other workers about a change of a cache, through
 * {@link ClusterMessages}: an eviction too large for a message becomes a clear of its
 * cache, and a worker cut off from its master tells no one, since evictions are at most
 * once anyway.
 *
 * @author cluster-spring-boot-starter
 */
public final class OtherWorkers {

	private static final Log logger = LogFactory.getLog(OtherWorkers.class);

	private OtherWorkers() {
	}

	/**
	 * Send a message to every other worker of this host.
	 * @param messages the worker's messages, none outside a cluster
	 * @param message what to send
	 * @param smaller what to send instead when the message is too large: a clear of the
	 * cache concerned
	 */
	public static void tell(ObjectProvider<ClusterMessages> messages, Object message, Supplier<Object> smaller) {
		ClusterMessages others = messages.getIfAvailable();
		if (others == null) {
			return;
		}
		try {
			others.sendToAll(message);
		}
		catch (ClusterMessageTooLargeException ex) {
			others.sendToAll(smaller.get());
		}
		catch (ClusterUnavailableException ex) {
			logger.debug("Could not tell this host's other workers about a change of a cache", ex);
		}
	}

}
