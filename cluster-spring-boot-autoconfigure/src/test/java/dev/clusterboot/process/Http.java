package dev.clusterboot.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP client for the process tests: one new connection to 127.0.0.1 (or
 * another loopback address) per request, so that the kernel picks a worker afresh each
 * time.
 */
public final class Http {

	private Http() {
	}

	public static Response get(int port, String path) {
		return send(ClusterProcess.LOOPBACK, port, path, null);
	}

	public static Response post(int port, String path, String json) {
		return send(ClusterProcess.LOOPBACK, port, path, json);
	}

	public static Response get(String address, int port, String path) {
		return send(address, port, path, null);
	}

	public static Response post(String address, int port, String path, String json) {
		return send(address, port, path, json);
	}

	private static Response send(String address, int port, String path, String json) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + address + ":" + port + path)
				.toURL()
				.openConnection();
			connection.setRequestProperty("Connection", "close");
			if (json != null) {
				connection.setRequestMethod("POST");
				connection.setDoOutput(true);
				connection.setRequestProperty("Content-Type", "application/json");
				connection.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
			}
			connection.setConnectTimeout(2000);
			connection.setReadTimeout(5000);
			try {
				int status = connection.getResponseCode();
				InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream();
				String text = (body != null) ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "";
				return new Response(status, text);
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public record Response(int status, String body) {
	}

}
