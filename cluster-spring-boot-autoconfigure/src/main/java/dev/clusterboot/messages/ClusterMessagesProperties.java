package dev.clusterboot.messages;

import org.springframework.util.unit.DataSize;

import dev.clusterboot.properties.PropertyBounds;

/**
 * Configuration properties of messages between workers ({@code cluster.messages.*}).
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterMessagesProperties {

	/**
	 * The largest message, in bytes of its JSON: from 1B to 30KB, so that it fits, once
	 * quoted, in a line of the master's control channel (64KB).
	 */
	public static final DataSize LARGEST = DataSize.ofKilobytes(30);

	/**
	 * Largest message between workers, as JSON, from 1B to 30KB; a larger one is refused
	 * when it is sent.
	 */
	private DataSize maxSize = DataSize.ofKilobytes(16);

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = PropertyBounds.check("cluster.messages.max-size", maxSize, DataSize.ofBytes(1), LARGEST);
	}

}
