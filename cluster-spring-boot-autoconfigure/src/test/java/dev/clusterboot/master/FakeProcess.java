package dev.clusterboot.master;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.ControlMessage;

/**
 * A worker process that records what the master did to it, and is its own control
 * channel.
 */
final class FakeProcess implements WorkerProcess, WorkerChannel {

	private final long pid;

	final CompletableFuture<Integer> exit = new CompletableFuture<>();

	volatile boolean stopped;

	volatile boolean killed;

	volatile boolean dumped;

	volatile boolean drained;

	volatile boolean silent;

	volatile @Nullable Integer joinedAs;

	FakeProcess(long pid) {
		this.pid = pid;
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
	public void send(ControlMessage message) {
		if (message instanceof ControlMessage.Drain) {
			this.drained = true;
		}
		if (message instanceof ControlMessage.Join join) {
			this.joinedAs = join.worker();
		}
	}

}
