package dev.clusterboot.portgroup.jetty;

import java.util.function.LongConsumer;

import org.eclipse.jetty.util.component.LifeCycle;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.portgroup.PortJoins;

/**
 * Takes the host's turn to join the port's group while a connector of an ordinary start
 * opens its socket on the shared port, which Jetty does as the connector starts.
 *
 * @author cluster-spring-boot-starter
 */
final class ConnectorJoinTurn implements LifeCycle.Listener {

	private final PortJoins joins;

	private final LongConsumer joinedAt;

	private volatile PortJoins.@Nullable Joining joining;

	/**
	 * Create the turn of one connector.
	 * @param joins the joins of the host's workers
	 * @param joinedAt receives when the connector's socket joined
	 */
	ConnectorJoinTurn(PortJoins joins, LongConsumer joinedAt) {
		this.joins = joins;
		this.joinedAt = joinedAt;
	}

	@Override
	public void lifeCycleStarting(LifeCycle connector) {
		this.joining = this.joins.begin();
	}

	@Override
	public void lifeCycleStarted(LifeCycle connector) {
		PortJoins.Joining current = this.joining;
		if (current != null) {
			this.joinedAt.accept(current.listened());
		}
	}

	@Override
	public void lifeCycleFailure(LifeCycle connector, Throwable failure) {
		PortJoins.Joining current = this.joining;
		if (current != null) {
			current.abandon();
		}
	}

}
