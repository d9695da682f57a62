package dev.clusterboot.portgroup.tomcat;

import org.apache.coyote.ProtocolHandler;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes a worker's Tomcat connector listen with {@code SO_REUSEPORT}, by switching it to
 * {@link ReusePortHttp11NioProtocol}, and attaches the connector to the worker's
 * {@link TomcatPortGroupMember}.
 *
 * @author cluster-spring-boot-starter
 */
public class TomcatReusePortCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	private final TomcatPortGroupMember member;

	/**
	 * Create a customizer.
	 * @param member receives the connector's protocol once Tomcat creates it
	 */
	public TomcatReusePortCustomizer(TomcatPortGroupMember member) {
		this.member = member;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		factory.setProtocol(ReusePortHttp11NioProtocol.class.getName());
		TomcatProtocolHandlerCustomizer<ProtocolHandler> attach = (handler) -> {
			if (handler instanceof ReusePortHttp11NioProtocol protocol) {
				this.member.attach(protocol);
			}
		};
		factory.addProtocolHandlerCustomizers(attach);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
