package dev.clusterboot.portgroup;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * A web server's membership of the port's group that listens nowhere and records what
 * it is asked: joining only flips its state and takes the moment.
 */
public class FakePortGroupMember implements PortGroupMember {

	public final List<String> calls = new CopyOnWriteArrayList<>();

	public volatile boolean joined;

	public volatile long requests;

	public volatile OptionalLong joinedAtNanos = OptionalLong.empty();

	public @Nullable RuntimeException joinFailure;

	@Override
	public void join() {
		this.calls.add("join");
		if (this.joinFailure != null) {
			throw this.joinFailure;
		}
		this.joinedAtNanos = OptionalLong.of(System.nanoTime());
		this.joined = true;
	}

	@Override
	public boolean joined() {
		return this.joined;
	}

	@Override
	public OptionalLong joinedAtNanos() {
		return this.joinedAtNanos;
	}

	@Override
	public @Nullable InetSocketAddress privateAddress() {
		return null;
	}

	@Override
	public void leave() {
		this.calls.add("leave");
		this.joined = false;
	}

	@Override
	public long requestCount() {
		return this.requests;
	}

}
