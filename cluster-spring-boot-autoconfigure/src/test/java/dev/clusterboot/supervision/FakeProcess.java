package dev.clusterboot.supervision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.WorkerChannel;

/**
 * A worker process that records what the master did to it, and is its own control
 * channel.
 */
public final class FakeProcess implements WorkerProcess, WorkerChannel {

	private final long pid;

	final CompletableFuture<Integer> exit = new CompletableFuture<>();

	volatile boolean stopped;

	volatile boolean killed;

	volatile boolean dumped;

	volatile boolean drained;

	volatile boolean silent;

	/**
	 * Whether sending to this process fails, as to one whose channel broke.
	 */
	volatile boolean unreachable;

	/**
	 * Every message the master sent, as "type pid", shared by the processes of one cluster
	 * so that a test sees the order across them.
	 */
	private final List<String> told;

	volatile @Nullable Integer joinedAs;

	/**
	 * Every message the master sent this process, in order.
	 */
	final List<ControlMessage> received = new ArrayList<>();

	FakeProcess(long pid) {
		this(pid, new ArrayList<>());
	}

	FakeProcess(long pid, List<String> told) {
		this.pid = pid;
		this.told = told;
	}

	@Override
	public long pid() {
		return this.pid;
	}

	@Override
	public String launchToken() {
		return "token-" + this.pid;
	}

	@Override
	public CompletableFuture<Integer> onExit() {
		return this.exit;
	}

	@Override
	public void stop() {
		this.stopped = true;
	}

	@Override
	public void kill() {
		this.killed = true;
	}

	@Override
	public void requestThreadDump() {
		this.dumped = true;
	}

	@Override
	public boolean isAlive() {
		return !this.exit.isDone();
	}

	@Override
	public void send(ControlMessage message) throws IOException {
		if (this.unreachable) {
			throw new IOException("Broken pipe");
		}
		this.told.add(message.getClass().getSimpleName() + " " + this.pid);
		this.received.add(message);
		if (message instanceof ControlMessage.Drain) {
			this.drained = true;
		}
		if (message instanceof ControlMessage.Join join) {
			this.joinedAs = join.worker();
		}
	}

}
