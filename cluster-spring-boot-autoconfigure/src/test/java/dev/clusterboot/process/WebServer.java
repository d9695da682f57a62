package dev.clusterboot.process;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The web servers cluster mode supports, as the process tests run them: each derives a
 * child class path from the test class path (which holds every server) by leaving out
 * the other servers' jars, so that Boot picks this one.
 */
public enum WebServer {

	/**
	 * Spring MVC on Tomcat, what the starter brings.
	 */
	TOMCAT("Tomcat started on port", List.of(), "jetty-", "spring-boot-jetty-", "spring-boot-starter-jetty",
			"reactor-netty-", "spring-boot-reactor-netty-", "spring-boot-starter-reactor-netty-", "spring-webflux-",
			"spring-boot-webflux-", "spring-boot-starter-webflux-"),

	/**
	 * Spring MVC on Jetty.
	 */
	JETTY("Jetty started on port", List.of(), "tomcat-embed-", "spring-boot-tomcat-", "spring-boot-starter-tomcat",
			"reactor-netty-", "spring-boot-reactor-netty-", "spring-boot-starter-reactor-netty-", "spring-webflux-",
			"spring-boot-webflux-", "spring-boot-starter-webflux-"),

	/**
	 * WebFlux on Reactor Netty.
	 */
	REACTOR_NETTY("Netty started on port", List.of("--spring.main.web-application-type=reactive"), "tomcat-embed-",
			"spring-boot-tomcat-", "spring-boot-starter-tomcat", "jetty-", "spring-boot-jetty-",
			"spring-boot-starter-jetty", "spring-webmvc-", "spring-boot-webmvc-", "spring-boot-starter-webmvc-");

	private final String startedLog;

	private final List<String> arguments;

	private final List<String> excludedJars;

	WebServer(String startedLog, List<String> arguments, String... excludedJars) {
		this.startedLog = startedLog;
		this.arguments = arguments;
		this.excludedJars = List.of(excludedJars);
	}

	/**
	 * What a worker logs once this server listens.
	 */
	public String startedLog() {
		return this.startedLog;
	}

	/**
	 * Program arguments that select this server, if its jars alone do not.
	 */
	public List<String> arguments() {
		return this.arguments;
	}

	/**
	 * The test class path without the other servers' jars.
	 */
	public String classPath() {
		return classPath(List.of());
	}

	/**
	 * The test class path without the other servers' jars, nor those whose file names
	 * start with one of the given prefixes.
	 */
	public String classPath(List<String> alsoExcludedJars) {
		String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(full.split(File.pathSeparator))
			.filter((entry) -> !entry.isEmpty() && Stream.concat(this.excludedJars.stream(), alsoExcludedJars.stream())
				.noneMatch((prefix) -> Path.of(entry).getFileName().toString().startsWith(prefix)))
			.collect(Collectors.joining(File.pathSeparator));
	}

}
