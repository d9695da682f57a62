package dev.clusterboot.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ControlJson}: numbers are taken only as what they are.
 */
class ControlJsonTests {

	@Test
	void readsAWholeNumberOfWorkers() throws Exception {
		assertThat(ControlJson.read("{\"type\":\"scale-request\",\"workers\":2}"))
			.isEqualTo(new ControlMessage.ScaleRequest(2));
	}

	@Test
	void refusesAFractionOfAWorker() {
		assertThatExceptionOfType(ControlProtocolException.class)
			.isThrownBy(() -> ControlJson.read("{\"type\":\"scale-request\",\"workers\":1.5}"))
			.withMessageStartingWith("it sent an unreadable message (")
			.withMessageContaining("1.5");
	}

	@Test
	void refusesAWholeNumberWrittenAsAFloat() {
		assertThatExceptionOfType(ControlProtocolException.class)
			.isThrownBy(() -> ControlJson.read("{\"type\":\"scale-request\",\"workers\":2.0}"));
	}

	@Test
	void refusesANumberInAString() {
		assertThatExceptionOfType(ControlProtocolException.class)
			.isThrownBy(() -> ControlJson.read("{\"type\":\"scale-request\",\"workers\":\"2\"}"));
	}

	@Test
	void refusesAMissingNumber() {
		assertThatExceptionOfType(ControlProtocolException.class)
			.isThrownBy(() -> ControlJson.read("{\"type\":\"scale-request\"}"));
	}

	@Test
	void neverRepeatsTheLineItCouldNotRead() {
		assertThatExceptionOfType(ControlProtocolException.class)
			.isThrownBy(() -> ControlJson.read("{\"type\":\"hello\",\"worker\":1.5,\"pid\":1,\"token\":\"secret\"}"))
			.withMessageNotContaining("secret");
	}

}
