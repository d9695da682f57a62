package dev.clusterboot.testapp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reports every request of a servlet application to the {@link WarmUpWitness}.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ServletWarmUpFilter extends OncePerRequestFilter {

	private final WarmUpWitness witness;

	ServletWarmUpFilter(WarmUpWitness witness) {
		this.witness = witness;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.witness.saw(request.getHeader("X-Cluster-Warm-Up"), request.getLocalPort());
		chain.doFilter(request, response);
	}

}
