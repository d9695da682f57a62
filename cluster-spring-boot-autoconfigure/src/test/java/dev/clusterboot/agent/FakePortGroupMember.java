package dev.clusterboot.agent;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.portgroup.PortGroupMember;

/**
 * A web server's membership of the port's group that records what the agent asks of it.
 */
class FakePortGroupMember implements PortGroupMember {

	final List<String> calls = new ArrayList<>();

	boolean joined;

	long requests;

	@Nullable RuntimeException joinFailure;

	@Override
	public void join() {
		this.calls.add("join");
		if (this.joinFailure != null) {
			throw this.joinFailure;
		}
		this.joined = true;
	}

	@Override
	public boolean joined() {
		return this.joined;
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
