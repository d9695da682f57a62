package dev.clusterboot.portgroup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.HttpHandler;
import reactor.core.publisher.Mono;

import dev.clusterboot.portgroup.jetty.JettyPortGroupMember;
import dev.clusterboot.portgroup.jetty.JettyReusePortCustomizer;
import dev.clusterboot.portgroup.netty.NettyPortGroupMember;
import dev.clusterboot.portgroup.netty.NettyReusePortCustomizer;
import dev.clusterboot.portgroup.tomcat.TomcatPortGroupMember;
import dev.clusterboot.portgroup.tomcat.TomcatReusePortCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for a staged start on each supported server: the server listens only on a
 * private loopback port until it joins, then serves the shared port, and leaves it again.
 */
class StagedStartTests {

	private static final StagedStart STAGED = new StagedStart(true);

	@Test
	void tomcatServesOnlyItsPrivatePortUntilItJoins() throws Exception {
		TomcatPortGroupMember member = new TomcatPortGroupMember(STAGED);
		servesPrivatelyThenJoinsThenLeaves(member, (port) -> {
			TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(port);
			new TomcatReusePortCustomizer(member).customize(factory);
			return servlet(factory);
		});
	}

	@Test
	void jettyServesOnlyItsPrivatePortUntilItJoins() throws Exception {
		JettyPortGroupMember member = new JettyPortGroupMember(STAGED);
		servesPrivatelyThenJoinsThenLeaves(member, (port) -> {
			JettyServletWebServerFactory factory = new JettyServletWebServerFactory(port);
			new JettyReusePortCustomizer(member).customize(factory);
			return servlet(factory);
		});
	}

	@Test
	void reactorNettyServesOnlyItsPrivatePortUntilItJoins() throws Exception {
		NettyPortGroupMember member = new NettyPortGroupMember(STAGED);
		servesPrivatelyThenJoinsThenLeaves(member, (port) -> {
			NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(port);
			new NettyReusePortCustomizer(member).customize(factory);
			HttpHandler handler = (request, response) -> response
				.writeWith(Mono.just(DefaultDataBufferFactory.sharedInstance.wrap("hello".getBytes())));
			return factory.getWebServer(handler);
		});
		member.destroy();
	}

	@Test
	void aStagedServerThatNeverJoinedStopsCleanly() throws Exception {
		TomcatPortGroupMember member = new TomcatPortGroupMember(STAGED);
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		new TomcatReusePortCustomizer(member).customize(factory);
		WebServer server = servlet(factory);
		server.start();
		assertThat(answers(member.privateAddress())).isTrue();
		server.stop();
		server.destroy();
	}

	@Test
	void anOrdinaryStartHasJoinedAndJoiningAgainDoesNothing() throws Exception {
		int port = freePort();
		TomcatPortGroupMember member = new TomcatPortGroupMember();
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(port);
		new TomcatReusePortCustomizer(member).customize(factory);
		WebServer server = servlet(factory);
		server.start();
		try {
			assertThat(member.joined()).isTrue();
			assertThat(member.privateAddress()).isNull();
			member.join();
			assertThat(answers(shared(port))).isTrue();
		}
		finally {
			server.stop();
			server.destroy();
		}
	}

	@Test
	void joiningBeforeTheServerStartedFailsClearly() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(new TomcatPortGroupMember(STAGED)::join)
			.withMessageContaining("cannot join");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(new JettyPortGroupMember(STAGED)::join)
			.withMessageContaining("cannot join");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(new NettyPortGroupMember(STAGED)::join)
			.withMessageContaining("cannot join");
	}

	private void servesPrivatelyThenJoinsThenLeaves(PortGroupMember member, Function<Integer, WebServer> server)
			throws Exception {
		int port = freePort();
		WebServer started = server.apply(port);
		started.start();
		try {
			InetSocketAddress privateAddress = member.privateAddress();
			assertThat(privateAddress).isNotNull();
			assertThat(privateAddress.getAddress().isLoopbackAddress()).isTrue();
			assertThat(member.joined()).isFalse();
			assertThat(answers(privateAddress)).isTrue();
			assertThat(answers(shared(port))).isFalse();
			member.join();
			member.join();
			assertThat(member.joined()).isTrue();
			assertThat(member.privateAddress()).isNull();
			assertThat(answers(shared(port))).isTrue();
			member.leave();
			assertThat(refusesWithinASecond(shared(port))).isTrue();
		}
		finally {
			started.stop();
			started.destroy();
		}
		assertThat(member.requestCount()).isGreaterThanOrEqualTo(2);
	}

	private static WebServer servlet(ServletWebServerFactory factory) {
		return factory.getWebServer((context) -> context.addServlet("hello", new HttpServlet() {
			@Override
			protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
				response.getWriter().write("hello");
			}
		}).addMapping("/"));
	}

	private static InetSocketAddress shared(int port) {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
	}

	private static boolean refusesWithinASecond(InetSocketAddress address) throws Exception {
		long deadline = System.nanoTime() + 1_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (!answers(address)) {
				return true;
			}
			Thread.sleep(20);
		}
		return false;
	}

	private static boolean answers(InetSocketAddress address) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(address, 1000);
			socket.setSoTimeout(3000);
			OutputStream out = socket.getOutputStream();
			out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			return response.startsWith("HTTP/1.1 200") && response.endsWith("hello");
		}
		catch (SocketException ex) {
			// Refused, or reset: a listener that closes while a connection waits in its
			// accept queue resets it, as the kernel has no other member to migrate it to.
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
