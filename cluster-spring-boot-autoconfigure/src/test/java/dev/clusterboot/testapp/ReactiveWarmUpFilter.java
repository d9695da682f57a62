package dev.clusterboot.testapp;

import java.net.InetSocketAddress;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Reports every request of a reactive application to the {@link WarmUpWitness}.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ReactiveWarmUpFilter implements WebFilter {

	private final WarmUpWitness witness;

	ReactiveWarmUpFilter(WarmUpWitness witness) {
		this.witness = witness;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		InetSocketAddress local = exchange.getRequest().getLocalAddress();
		this.witness.saw(exchange.getRequest().getHeaders().getFirst("X-Cluster-Warm-Up"),
				(local != null) ? local.getPort() : -1);
		return chain.filter(exchange);
	}

}
