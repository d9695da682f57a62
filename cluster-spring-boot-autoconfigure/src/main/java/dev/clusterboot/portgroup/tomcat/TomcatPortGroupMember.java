package dev.clusterboot.portgroup.tomcat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.PortJoins;
import dev.clusterboot.portgroup.StagedStart;

/**
 * A worker's Tomcat connector as a {@link PortGroupMember}, once
 * {@link TomcatReusePortCustomizer} has attached it. For a staged start the connector's
 * endpoint first listens on a private loopback port and moves to the shared port on
 * {@link #join()}.
 *
 * @author cluster-spring-boot-starter
 */
public class TomcatPortGroupMember implements PortGroupMember {

	private final StagedStart stagedStart;

	private final PortJoins joins;

	private volatile @Nullable ReusePortHttp11NioProtocol protocol;

	/**
	 * Create a member that joins the port as Tomcat starts.
	 */
	public TomcatPortGroupMember() {
		this(StagedStart.OFF);
	}

	/**
	 * Create a member.
	 * @param stagedStart whether Tomcat starts on a private loopback port
	 */
	public TomcatPortGroupMember(StagedStart stagedStart) {
		this(stagedStart, PortJoins.unordered());
	}

	/**
	 * Create a member that joins in the host's turn.
	 * @param stagedStart whether Tomcat starts on a private loopback port
	 * @param joins the joins of the host's workers
	 */
	public TomcatPortGroupMember(StagedStart stagedStart, PortJoins joins) {
		this.stagedStart = stagedStart;
		this.joins = joins;
	}

	void attach(ReusePortHttp11NioProtocol protocol) {
		protocol.reusePortEndpoint().setStaged(this.stagedStart.requested());
		protocol.reusePortEndpoint().setJoins(this.joins);
		this.protocol = protocol;
	}

	@Override
	public void join() {
		ReusePortHttp11NioProtocol current = this.protocol;
		if (current == null) {
			throw new IllegalStateException("Tomcat's connector has not been created, so it cannot join the port");
		}
		try {
			current.reusePortEndpoint().joinGroup();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Tomcat could not join the shared port: " + ex.getMessage(), ex);
		}
	}

	@Override
	public boolean joined() {
		ReusePortHttp11NioProtocol current = this.protocol;
		return current != null && current.reusePortEndpoint().isJoined();
	}

	@Override
	public OptionalLong joinedAtNanos() {
		ReusePortHttp11NioProtocol current = this.protocol;
		return (current != null) ? current.reusePortEndpoint().joinedAtNanos() : OptionalLong.empty();
	}

	@Override
	public @Nullable InetSocketAddress privateAddress() {
		ReusePortHttp11NioProtocol current = this.protocol;
		return (current != null) ? current.reusePortEndpoint().privateAddress() : null;
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
