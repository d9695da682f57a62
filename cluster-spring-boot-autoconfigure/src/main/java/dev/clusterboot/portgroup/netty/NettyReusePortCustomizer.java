package dev.clusterboot.portgroup.netty;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes a worker's Reactor Netty server listen with {@code SO_REUSEPORT} and attaches it
 * to the worker's {@link NettyPortGroupMember}.
 * <p>
 * Why a factory customizer that adds a server customizer, rather than a
 * {@code NettyServerCustomizer} bean: it is called only when Reactor Netty is the server
 * that runs, and the server customizer it adds comes after those Boot collected from the
 * context, so the socket option is set on the server as the application configured it
 * (its transport included).
 *
 * @author cluster-spring-boot-starter
 */
public class NettyReusePortCustomizer implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private final NettyPortGroupMember member;

	/**
	 * Create a customizer.
	 * @param member joins the server to the port's group
	 */
	public NettyReusePortCustomizer(NettyPortGroupMember member) {
		this.member = member;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers(this.member::attach);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
