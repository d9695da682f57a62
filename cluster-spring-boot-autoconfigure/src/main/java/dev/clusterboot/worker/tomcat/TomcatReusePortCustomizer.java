package dev.clusterboot.worker.tomcat;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes a worker's Tomcat connector listen with {@code SO_REUSEPORT}, by switching it to
 * {@link ReusePortHttp11NioProtocol}.
 *
 * @author cluster-spring-boot-starter
 */
public class TomcatReusePortCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	@Override
	public void customize(TomcatWebServerFactory factory) {
		factory.setProtocol(ReusePortHttp11NioProtocol.class.getName());
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
