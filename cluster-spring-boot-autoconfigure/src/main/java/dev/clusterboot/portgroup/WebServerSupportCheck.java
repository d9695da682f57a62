package dev.clusterboot.portgroup;

import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Stops a worker whose web server no {@link PortGroupMember} joins to the port's group,
 * while its factory is configured, which is before the server binds. Later, the
 * unsupported server would either fail to bind with a misleading "port in use" (the
 * master holds the port with {@code SO_REUSEPORT}) or, on another port set up, serve
 * alone; both hide the cause.
 *
 * @author cluster-spring-boot-starter
 */
public class WebServerSupportCheck implements WebServerFactoryCustomizer<WebServerFactory>, Ordered {

	private final boolean supported;

	/**
	 * Create a check.
	 * @param supported whether a {@link PortGroupMember} applies to the application's web
	 * server
	 */
	public WebServerSupportCheck(boolean supported) {
		this.supported = supported;
	}

	@Override
	public void customize(WebServerFactory factory) {
		if (!this.supported) {
			throw new UnsupportedWebServerException(factory.getClass());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
