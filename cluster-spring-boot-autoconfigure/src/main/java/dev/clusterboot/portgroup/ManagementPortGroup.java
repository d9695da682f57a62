package dev.clusterboot.portgroup;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * The worker's management server as a member of its own port's {@code SO_REUSEPORT}
 * group, when {@code management.server.port} gives Actuator a port of its own: every
 * worker serves that port too, so that a probe or a Prometheus scrape of it reaches
 * whichever worker the kernel picks and answers for the whole cluster.
 * <p>
 * The management server follows the application's own server: it starts staged when that
 * one does (a standby serves neither port), joins its port when the worker joins, and
 * leaves when the worker leaves. Boot creates the management server in a child context
 * after the application's server has started; its customizer {@link #attach attaches} it
 * here.
 * <p>
 * Every join and leave of the worker passes here, so a feature that must know the moment
 * the worker's socket enters or leaves the group registers a task to run
 * {@link #afterJoinAndLeave right after} it.
 *
 * @author cluster-spring-boot-starter
 */
public final class ManagementPortGroup {

	private volatile @Nullable PortGroupMember member;

	private final List<Runnable> afterJoin = new CopyOnWriteArrayList<>();

	private final List<Runnable> afterLeave = new CopyOnWriteArrayList<>();

	/**
	 * Attach the management server, once its factory is customized.
	 * @param member the management server's member of its port's group
	 */
	public void attach(PortGroupMember member) {
		this.member = member;
	}

	/**
	 * Return the management server's member, if the application has a management port of
	 * its own.
	 * @return the member, or {@code null}
	 */
	public @Nullable PortGroupMember member() {
		return this.member;
	}

	/**
	 * Run a task right after the application's server joins the port's group and one
	 * right after it leaves it, through any member that {@link #alongside} returned. The
	 * tasks run on the thread that joins or leaves, before the management server follows:
	 * they must be quick.
	 * @param joined runs right after each join
	 * @param left runs right after each leave
	 */
	public void afterJoinAndLeave(Runnable joined, Runnable left) {
		this.afterJoin.add(joined);
		this.afterLeave.add(left);
	}

	/**
	 * Return a member that joins and leaves the application's port and, once attached,
	 * the management port with it.
	 * @param server the application's own server, or {@code null} without a web server
	 * @return the member to join and leave with, or {@code null} without a web server
	 */
	public @Nullable PortGroupMember alongside(@Nullable PortGroupMember server) {
		return (server != null) ? new Both(server) : null;
	}

	/**
	 * The application's server first, then the management server. What the worker
	 * reports (its private address, its requests) is the application's server's.
	 */
	private final class Both implements PortGroupMember {

		private final PortGroupMember server;

		Both(PortGroupMember server) {
			this.server = server;
		}

		@Override
		public void join() {
			this.server.join();
			ManagementPortGroup.this.afterJoin.forEach(Runnable::run);
			PortGroupMember management = member();
			if (management != null) {
				management.join();
			}
		}

		@Override
		public boolean joined() {
			return this.server.joined();
		}

		@Override
		public OptionalLong joinedAtNanos() {
			return this.server.joinedAtNanos();
		}

		@Override
		public @Nullable InetSocketAddress privateAddress() {
			return this.server.privateAddress();
		}

		@Override
		public void leave() {
			this.server.leave();
			ManagementPortGroup.this.afterLeave.forEach(Runnable::run);
			PortGroupMember management = member();
			if (management != null) {
				management.leave();
			}
		}

		@Override
		public long requestCount() {
			return this.server.requestCount();
		}

	}

}
