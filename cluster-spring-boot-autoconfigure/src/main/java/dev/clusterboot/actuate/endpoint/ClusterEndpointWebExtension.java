package dev.clusterboot.actuate.endpoint;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import dev.clusterboot.api.ClusterCommandRefusedException;

/**
 * The {@link ClusterEndpoint}'s change over HTTP, answering with the reason in a small
 * JSON body where Boot would answer a bare status: {@code 400} for a change that is not
 * valid ({@code {"workers": 65}}), {@code 409} for one the master refuses in its current
 * state (a scale while the cluster stops). Reads are the endpoint's own, and the write
 * stays off unless the endpoint's access allows it.
 *
 * @author cluster-spring-boot-starter
 */
@EndpointWebExtension(endpoint = ClusterEndpoint.class)
public class ClusterEndpointWebExtension {

	/**
	 * The status of a change the master refuses in its current state.
	 */
	public static final int STATUS_CONFLICT = 409;

	private final ClusterEndpoint delegate;

	/**
	 * Create the extension.
	 * @param delegate the endpoint that makes the change
	 */
	public ClusterEndpointWebExtension(ClusterEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Change the cluster as {@link ClusterEndpoint#change(String, Integer)} does.
	 * @param action {@code restart} for a rolling restart, or {@code null}
	 * @param workers the number of workers to run, or {@code null}
	 * @return the cluster after the change, or the error with its reason
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> change(@Nullable String action, @Nullable Integer workers) {
		try {
			return new WebEndpointResponse<>(this.delegate.change(action, workers));
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getMessage());
		}
		catch (ClusterCommandRefusedException ex) {
			return error(STATUS_CONFLICT, "Conflict", "The cluster master refused: " + ex.getMessage());
		}
	}

	private static WebEndpointResponse<OperationResponseBody> error(int status, String error, String message) {
		return new WebEndpointResponse<>(new ChangeError(status, error, message), status);
	}

	/**
	 * Why a change was not made, in the fields of Boot's own error body.
	 *
	 * @param status the HTTP status
	 * @param error the status's reason phrase
	 * @param message what was wrong, naming the allowed values
	 */
	public record ChangeError(int status, String error, String message) implements OperationResponseBody {

	}

}
