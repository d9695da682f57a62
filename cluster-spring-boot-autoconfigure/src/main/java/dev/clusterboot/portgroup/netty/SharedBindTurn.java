package dev.clusterboot.portgroup.netty;

import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.clusterboot.portgroup.PortJoins;

/**
 * Takes the host's turn to join the port's group while Reactor Netty binds the shared
 * port, and keeps the moment the socket joined.
 *
 * @author cluster-spring-boot-starter
 */
final class SharedBindTurn {

	private final PortJoins joins;

	private volatile PortJoins.@Nullable Joining joining;

	private volatile OptionalLong joinedAtNanos = OptionalLong.empty();

	/**
	 * Create the turn of one server.
	 * @param joins the joins of the host's workers
	 */
	SharedBindTurn(PortJoins joins) {
		this.joins = joins;
	}

	/**
	 * Return the server that takes the turn as it binds the shared port itself (an
	 * ordinary start, which Boot binds), and ends it once bound, on Reactor Netty's
	 * thread. A bind that fails fails the start, and the worker's exit ends the turn.
	 * @param server the server as configured
	 * @return the server that takes the turn
	 */
	HttpServer taken(HttpServer server) {
		return server.doOnBind((config) -> this.joining = this.joins.begin()).doOnBound((bound) -> {
			PortJoins.Joining current = this.joining;
			if (current != null) {
				this.joinedAtNanos = OptionalLong.of(current.listened());
			}
		});
	}

	/**
	 * Bind the shared port now, in the turn.
	 * @param server the server on the shared address
	 * @return the binding
	 */
	DisposableServer bindNow(HttpServer server) {
		PortJoins.Joining turn = this.joins.begin();
		try {
			DisposableServer binding = server.bindNow();
			this.joinedAtNanos = OptionalLong.of(turn.listened());
			return binding;
		}
		finally {
			turn.abandon();
		}
	}

	OptionalLong joinedAtNanos() {
		return this.joinedAtNanos;
	}

}
