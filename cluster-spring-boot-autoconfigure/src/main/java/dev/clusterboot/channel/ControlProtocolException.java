package dev.clusterboot.channel;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link ControlConnection#receive()} when the other side breaks the protocol:
 * a line longer than the connection allows, or a line that is not a message. The
 * connection cannot go on after it.
 *
 * @author cluster-spring-boot-starter
 */
public final class ControlProtocolException extends IOException {

	/**
	 * Create an exception.
	 * @param what what the other side did, to follow "it" in a sentence
	 * @param cause the cause, or {@code null}
	 */
	ControlProtocolException(String what, @Nullable Throwable cause) {
		super(what, cause);
	}

}
