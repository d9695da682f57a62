package dev.clusterboot.portgroup.tomcat;

import org.apache.coyote.RequestGroupInfo;
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

	/**
	 * Leave the port's group, and close each kept-alive connection after its next
	 * response so that its client reconnects to another worker.
	 */
	public void leaveGroup() {
		setMaxKeepAliveRequests(1);
		((ReusePortNioEndpoint) getEndpoint()).leaveGroup();
	}

	/**
	 * Return the protocol's endpoint.
	 * @return the endpoint
	 */
	ReusePortNioEndpoint reusePortEndpoint() {
		return (ReusePortNioEndpoint) getEndpoint();
	}

	/**
	 * Return how many requests this connector has served.
	 * @return the request count
	 */
	public long requestCount() {
		return ((RequestGroupInfo) getHandler().getGlobal()).getRequestCount();
	}

}
