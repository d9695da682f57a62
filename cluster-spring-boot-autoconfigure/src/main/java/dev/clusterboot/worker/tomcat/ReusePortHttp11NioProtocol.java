package dev.clusterboot.worker.tomcat;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 NIO protocol on a {@link ReusePortNioEndpoint}. Boot's Tomcat factory
 * takes the protocol by class name, so this class needs a public no-argument
 * constructor.
 *
 * @author cluster-spring-boot-starter
 */
public class ReusePortHttp11NioProtocol extends Http11NioProtocol {

	/**
	 * Create the protocol with an endpoint that binds with {@code SO_REUSEPORT}.
	 */
	public ReusePortHttp11NioProtocol() {
		super(new ReusePortNioEndpoint());
	}

}
