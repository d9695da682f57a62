package dev.clusterboot.channel;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the channel, for every socket that speaks it: strict about
 * numbers, so that {@code "workers":1.5} or {@code "workers":"2"} is an unreadable
 * message rather than a request for one or two workers.
 *
 * @author cluster-spring-boot-starter
 */
final class ControlJson {

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private ControlJson() {
	}

	/**
	 * Write a message as one line of JSON, without the newline.
	 * @param message the message
	 * @return its JSON
	 */
	static String write(ControlMessage message) {
		return json.writeValueAsString(message);
	}

	/**
	 * Read a message.
	 * @param line one line of JSON
	 * @return the message
	 * @throws ControlProtocolException if the line is not a message; its text names what is
	 * wrong but never repeats the line, which may hold a launch token
	 */
	static ControlMessage read(String line) throws ControlProtocolException {
		try {
			return json.readValue(line, ControlMessage.class);
		}
		catch (JacksonException ex) {
			throw new ControlProtocolException("it sent an unreadable message (" + ex.getOriginalMessage() + ")", ex);
		}
	}

}
