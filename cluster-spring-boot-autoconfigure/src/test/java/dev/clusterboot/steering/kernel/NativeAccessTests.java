package dev.clusterboot.steering.kernel;

import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NativeAccess}: it says why steering's socket calls cannot run, and
 * steering loads and answers without JNA.
 */
class NativeAccessTests {

	private static final ClassLoader CLASS_LOADER = NativeAccessTests.class.getClassLoader();

	@Test
	void refusesAnOperatingSystemOtherThanLinux() {
		assertThatExceptionOfType(SteeringUnavailableException.class)
			.isThrownBy(() -> NativeAccess.load("Mac OS X", "aarch64", CLASS_LOADER))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(SteeringUnavailableReason.UNSUPPORTED_PLATFORM))
			.withMessageContaining("this JVM runs on Mac OS X");
	}

	@Test
	void refusesAnArchitectureWhoseSocketOptionsAreNumberedDifferently() {
		assertThatExceptionOfType(SteeringUnavailableException.class)
			.isThrownBy(() -> NativeAccess.load("Linux", "mips64el", CLASS_LOADER))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(SteeringUnavailableReason.UNSUPPORTED_PLATFORM))
			.withMessageContaining("Linux on mips64el");
	}

	@Test
	void saysWhenJnaIsNotOnTheClassPath() {
		assertThatExceptionOfType(SteeringUnavailableException.class)
			.isThrownBy(() -> NativeAccess.load("Linux", "amd64", new FilteredClassLoader("com.sun.jna")))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(SteeringUnavailableReason.JNA_MISSING))
			.withMessageContaining("net.java.dev.jna:jna");
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void loadsTheSocketCallsOnLinuxWithJna() {
		assertThat(NativeAccess.sockets()).isSameAs(NativeAccess.sockets());
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void steeringLoadsAndProbesInAClassLoaderWithoutJna() throws Exception {
		URL[] withoutJna = { location(ReuseportSteering.class), location(ClassUtils.class) };
		try (URLClassLoader classLoader = new URLClassLoader(withoutJna, ClassLoader.getPlatformClassLoader())) {
			assertThat(ClassUtils.isPresent("com.sun.jna.Native", classLoader)).isFalse();
			Class<?> availability = classLoader.loadClass(SteeringAvailability.class.getName());
			Object probed = availability.getMethod("probe", int.class).invoke(null, 8080);
			assertThat(availability.getMethod("reason").invoke(probed)).hasToString("JNA_MISSING");
		}
	}

	private static URL location(Class<?> type) {
		return type.getProtectionDomain().getCodeSource().getLocation();
	}

}
