package dev.clusterboot.worker.tomcat;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.worker.PortGroupMember;

/**
 * A worker's Tomcat connector as a {@link PortGroupMember}, once
 * {@link TomcatReusePortCustomizer} has attached it.
 *
 * @author cluster-spring-boot-starter
 */
public class TomcatPortGroupMember implements PortGroupMember {

	private volatile @Nullable ReusePortHttp11NioProtocol protocol;

	void attach(ReusePortHttp11NioProtocol protocol) {
		this.protocol = protocol;
	}

	@Override
	public void leave() {
		ReusePortHttp11NioProtocol current = this.protocol;
		if (current != null) {
			current.leaveGroup();
		}
	}

	@Override
	public long requestCount() {
		ReusePortHttp11NioProtocol current = this.protocol;
		return (current != null) ? current.requestCount() : 0;
	}

}
