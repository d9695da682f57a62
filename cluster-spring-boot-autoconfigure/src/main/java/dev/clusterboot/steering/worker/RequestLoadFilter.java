package dev.clusterboot.steering.worker;

import java.io.IOException;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Counts every request of a servlet application (Tomcat or Jetty) in the worker's
 * {@link RequestLoad}: in flight from the filter's start, completed when the chain returns
 * or, for an asynchronous request, when its async processing completes.
 *
 * @author cluster-spring-boot-starter
 */
public final class RequestLoadFilter implements Filter {

	private final RequestLoad load;

	/**
	 * Create the filter.
	 * @param load the counts to keep
	 */
	public RequestLoadFilter(RequestLoad load) {
		this.load = load;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		long token = this.load.started();
		boolean completesLater = false;
		try {
			chain.doFilter(request, response);
			if (request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new CompletionListener(token));
				completesLater = true;
			}
		}
		finally {
			if (!completesLater) {
				this.load.completed(token);
			}
		}
	}

	/**
	 * Counts an asynchronous request as completed once: a timeout or an error ends in
	 * {@code onComplete} too.
	 */
	private final class CompletionListener implements AsyncListener {

		private final long token;

		CompletionListener(long token) {
			this.token = token;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			RequestLoadFilter.this.load.completed(this.token);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
