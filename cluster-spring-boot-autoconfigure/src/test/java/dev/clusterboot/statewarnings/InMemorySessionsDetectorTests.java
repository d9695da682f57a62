package dev.clusterboot.statewarnings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpSessionEvent;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.MapSessionRepository;

import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.StateWarningKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemorySessionsDetector}.
 */
class InMemorySessionsDetectorTests {

	private final List<List<StateWarning>> reports = new ArrayList<>();

	private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

	@Test
	void reportsOnceWhenTheApplicationCreatesItsFirstSession() {
		InMemorySessionsDetector detector = new InMemorySessionsDetector(this.beans, this.reports::add);
		assertThat(this.reports).isEmpty();
		detector.sessionCreated(new HttpSessionEvent(new MockHttpSession()));
		detector.sessionCreated(new HttpSessionEvent(new MockHttpSession()));
		assertThat(this.reports).singleElement()
			.satisfies((found) -> assertThat(found).singleElement()
				.extracting(StateWarning::kind)
				.isEqualTo(StateWarningKind.SESSIONS));
	}

	@Test
	void reportsNothingWhenSpringSessionKeepsTheSessions() {
		this.beans.registerSingleton("sessionRepository", new MapSessionRepository(new ConcurrentHashMap<>()));
		InMemorySessionsDetector detector = new InMemorySessionsDetector(this.beans, this.reports::add);
		detector.sessionCreated(new HttpSessionEvent(new MockHttpSession()));
		assertThat(this.reports).isEmpty();
	}

}
