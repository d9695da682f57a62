package dev.clusterboot.agent;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link ConfigurationErrorExit}: which failed starts count as configuration
 * errors. That such a worker exits with 78 after Boot's report is tested with real
 * processes in {@code InvalidStartupProcessTests}.
 */
class ConfigurationErrorExitTests {

	@Test
	void aBindingFailureDeepInABeanCreationFailureIsAConfigurationFailure() {
		BindException binding = catchThrowableOfType(BindException.class,
				() -> new Binder(new MapConfigurationPropertySource(Map.of("a.timeout", "abc"))).bind("a.timeout",
						Bindable.of(Duration.class)));
		BeanCreationException failure = new BeanCreationException("pathMappedEndpoints",
				new BeanCreationException("clusterEndpoint", "Failed", binding));
		assertThat(ConfigurationErrorExit.isConfigurationFailure(failure)).isTrue();
	}

	@Test
	void anInvalidPropertyValueIsAConfigurationFailure() {
		assertThat(ConfigurationErrorExit.isConfigurationFailure(new IllegalStateException(
				new InvalidConfigurationPropertyValueException("a.b", "c", "must be d"))))
			.isTrue();
	}

	@Test
	void anyOtherFailureIsNot() {
		assertThat(ConfigurationErrorExit
			.isConfigurationFailure(new BeanCreationException("dataSource", "Connection refused")))
			.isFalse();
	}

	@Test
	void aCauseChainWithACycleEnds() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);
		assertThat(ConfigurationErrorExit.isConfigurationFailure(first)).isFalse();
	}

}
