package dev.clusterboot.steering.least;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The table that the workers of one host share for {@code least} steering, a small file
 * in the master's private directory mapped into every worker: for each socket of the
 * port's group, in the group's order, the worker's process id, whether it may take new
 * connections, its requests in flight, and how many of them are slow. The master writes the group (process ids and
 * who may take connections), then raises the generation; each worker writes only its own
 * requests in flight and slow requests, and reads the rest. Every read and write is a volatile access to
 * one aligned number, so no one waits on anyone; a reader may see a group being written
 * and sees the generation change after. The file also holds the host's {@link AttachTurn}.
 *
 * @author cluster-spring-boot-starter
 */
public final class InFlightTable {

	/**
	 * The largest group the table describes; a larger one is written empty, and its
	 * workers leave the choice to the master's programs.
	 */
	public static final int MAX_SOCKETS = 63;

	/**
	 * The table's file name in the master's directory.
	 */
	public static final String FILE_NAME = "steering-in-flight";

	private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

	private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class,
			ByteOrder.nativeOrder());

	private static final int GENERATION = 0;

	private static final int SIZE = 4;

	private static final int PLACED = 8;

	private static final int PIDS = 16;

	private static final int ELIGIBLE = PIDS + 8 * MAX_SOCKETS;

	private static final int IN_FLIGHT = ELIGIBLE + 4 * MAX_SOCKETS;

	private static final int SLOW = IN_FLIGHT + 4 * MAX_SOCKETS;

	private static final int TURN = SLOW + 4 * MAX_SOCKETS + 4;

	private static final int BYTES = TURN + 8;

	private final ByteBuffer buffer;

	private final AttachTurn turn;

	private InFlightTable(ByteBuffer buffer) {
		this.buffer = buffer;
		this.turn = new AttachTurn(buffer.slice(TURN, 8));
	}

	/**
	 * Map the table of a master's directory, creating the file when it is missing.
	 * @param directory the master's private directory
	 * @return the table
	 * @throws UncheckedIOException when the file cannot be created or mapped
	 */
	public static InFlightTable map(Path directory) {
		try (FileChannel channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, BYTES);
			return new InFlightTable(mapped);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot map the steering table in " + directory, ex);
		}
	}

	/**
	 * Write the port's group, then raise the generation; the master's call.
	 * @param pids the workers' process ids, in the group's order
	 * @param eligible whether each may take new connections, in the same order
	 */
	public void writeGroup(List<Long> pids, List<Boolean> eligible) {
		// a larger group is written empty: its workers leave the choice to the master's
		// programs rather than never choose the sockets past the table
		int size = (pids.size() <= MAX_SOCKETS) ? pids.size() : 0;
		for (int socket = 0; socket < size; socket++) {
			if (pid(socket) != pids.get(socket)) {
				INT.setVolatile(this.buffer, IN_FLIGHT + 4 * socket, 0);
				INT.setVolatile(this.buffer, SLOW + 4 * socket, 0);
			}
			LONG.setVolatile(this.buffer, PIDS + 8 * socket, pids.get(socket));
			INT.setVolatile(this.buffer, ELIGIBLE + 4 * socket, eligible.get(socket) ? 1 : 0);
		}
		INT.setVolatile(this.buffer, SIZE, size);
		INT.getAndAdd(this.buffer, GENERATION, 1);
	}

	/**
	 * Return the generation, raised after every write of the group.
	 * @return the generation
	 */
	public int generation() {
		return (int) INT.getVolatile(this.buffer, GENERATION);
	}

	/**
	 * Return how many sockets the group has.
	 * @return 0 to {@value #MAX_SOCKETS}
	 */
	public int size() {
		return Math.max(0, Math.min((int) INT.getVolatile(this.buffer, SIZE), MAX_SOCKETS));
	}

	/**
	 * Return the socket of a worker in the group.
	 * @param pid the worker's process id
	 * @return its index, or {@code -1} when it is not in the group
	 */
	public int socketOf(long pid) {
		int size = size();
		for (int socket = 0; socket < size; socket++) {
			if (pid(socket) == pid) {
				return socket;
			}
		}
		return -1;
	}

	private long pid(int socket) {
		return (long) LONG.getVolatile(this.buffer, PIDS + 8 * socket);
	}

	/**
	 * Return whether a socket may take new connections.
	 * @param socket its index
	 * @return {@code true} when the master lets it
	 */
	public boolean eligible(int socket) {
		return (int) INT.getVolatile(this.buffer, ELIGIBLE + 4 * socket) == 1;
	}

	/**
	 * Write a socket's requests in flight; its worker's call.
	 * @param socket its index
	 * @param inFlight the requests it serves now
	 */
	public void inFlight(int socket, int inFlight) {
		INT.setVolatile(this.buffer, IN_FLIGHT + 4 * socket, Math.max(0, inFlight));
	}

	/**
	 * Return a socket's requests in flight.
	 * @param socket its index
	 * @return the requests its worker last wrote
	 */
	public int inFlight(int socket) {
		return (int) INT.getVolatile(this.buffer, IN_FLIGHT + 4 * socket);
	}

	/**
	 * Write how many of a socket's requests in flight are slow; its worker's call.
	 * @param socket its index
	 * @param slow the requests in flight for longer than the slow threshold
	 */
	public void slow(int socket, int slow) {
		INT.setVolatile(this.buffer, SLOW + 4 * socket, Math.max(0, slow));
	}

	/**
	 * Return how many of a socket's requests in flight are slow.
	 * @param socket its index
	 * @return the slow requests its worker last wrote
	 */
	public int slow(int socket) {
		return (int) INT.getVolatile(this.buffer, SLOW + 4 * socket);
	}

	/**
	 * Return the choice whose program was attached last, as {@link LeastChoice} encodes it.
	 * @return the choice, {@link LeastChoice#UNKNOWN} when unknown
	 */
	public long placed() {
		return (long) LONG.getVolatile(this.buffer, PLACED);
	}

	/**
	 * Record the choice whose program was attached last.
	 * @param choice the choice, {@link LeastChoice#UNKNOWN} when unknown
	 */
	public void placed(long choice) {
		LONG.setVolatile(this.buffer, PLACED, choice);
	}

	/**
	 * Return the host's turn to attach a program to the port's group, kept in this table's file.
	 * @return the turn
	 */
	public AttachTurn turn() {
		return this.turn;
	}

}
