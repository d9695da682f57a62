package dev.clusterboot.steering.worker;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Counts every request of a reactive application, on whichever server it runs, in the
 * worker's {@link RequestLoad}: in flight from subscription, completed when the chain's
 * {@code Mono} completes, fails or is cancelled. First of the filters, so that it counts
 * every request.
 *
 * @author cluster-spring-boot-starter
 */
public final class RequestLoadWebFilter implements WebFilter, Ordered {

	private final RequestLoad load;

	/**
	 * Create the filter.
	 * @param load the counts to keep
	 */
	public RequestLoadWebFilter(RequestLoad load) {
		this.load = load;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return Mono.defer(() -> {
			long token = this.load.started();
			return chain.filter(exchange).doFinally((signal) -> this.load.completed(token));
		});
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
