package dev.clusterboot.leaderapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 to another local port, whose link a test can cut the way a
 * network partition does: once cut, it still accepts connections and reads what it is
 * sent, but nothing more passes either way, so a client blocks in its next read as a
 * client cut off from its server does (no reset, no error). Closing it closes every
 * socket.
 */
public final class CuttableProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int target;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	/**
	 * Start a proxy to a port on 127.0.0.1.
	 * @param target the port to forward to
	 */
	public CuttableProxy(int target) {
		this.target = target;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		thread("proxy-accept", this::accept);
	}

	/**
	 * Return the proxy's port on 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Stop passing anything, either way, on every connection, old and new.
	 */
	public void cut() {
		this.cut = true;
	}

	private void accept() {
		try {
			while (true) {
				Socket client = this.server.accept();
				this.sockets.add(client);
				if (this.cut) {
					thread("proxy-sink", () -> pump(client, null));
					continue;
				}
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
				this.sockets.add(upstream);
				thread("proxy-up", () -> pump(client, upstream));
				thread("proxy-down", () -> pump(upstream, client));
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[8192];
		try (InputStream in = from.getInputStream()) {
			OutputStream out = (to != null) ? to.getOutputStream() : null;
			int read;
			while ((read = in.read(buffer)) >= 0) {
				if (!this.cut && out != null) {
					out.write(buffer, 0, read);
				}
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	private static void thread(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() {
		try {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
