package dev.clusterboot.portgroup.jetty;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes a worker's Jetty connectors listen with {@code SO_REUSEPORT} and attaches them to
 * the worker's {@link JettyPortGroupMember}. Applies to servlet and reactive Jetty alike,
 * and only when Jetty is the server that runs: a customizer of another server's factory
 * is never called.
 * <p>
 * Why it sets {@code acceptors} to 0: with acceptor threads, Jetty waits for connections
 * in a blocking {@code accept()}, and a thread blocked there cannot be asked to take what
 * is queued and then stop; closing the socket under it resets every queued connection.
 * With no acceptor threads Jetty accepts on its selector threads from a non-blocking
 * socket, which lets {@link JettyPortGroupMember#leave()} accept the queue itself and
 * close the socket right after the last accept. Jetty supports this mode; it only moves
 * accepting from a dedicated thread to the selectors.
 *
 * @author cluster-spring-boot-starter
 */
public class JettyReusePortCustomizer implements WebServerFactoryCustomizer<JettyWebServerFactory>, Ordered {

	private static final Log logger = LogFactory.getLog(JettyReusePortCustomizer.class);

	private final JettyPortGroupMember member;

	/**
	 * Create a customizer.
	 * @param member receives the server's connectors once Jetty creates them
	 */
	public JettyReusePortCustomizer(JettyPortGroupMember member) {
		this.member = member;
	}

	@Override
	public void customize(JettyWebServerFactory factory) {
		if (factory.getAcceptors() > 0) {
			logger.info("A cluster worker's Jetty accepts on its selector threads, so server.jetty.threads.acceptors="
					+ factory.getAcceptors() + " is replaced by 0: that lets a leaving worker take what is queued");
		}
		factory.setAcceptors(0);
		factory.addServerCustomizers(this.member::attach);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
