package dev.clusterboot.steering.kernel;

import java.lang.ref.Reference;
import java.nio.ByteOrder;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;

import dev.clusterboot.steering.bpf.BpfProgram;

/**
 * The socket calls of steering on Linux, through JNA: the options that tell a listening
 * socket, its port, and the attaching and detaching of a reuseport group's classic BPF
 * program. The only class that touches JNA besides {@link LibC}; {@link NativeAccess}
 * loads it once it knows that JNA is there. Failed calls throw
 * {@link SocketCallException} with the errno.
 * <p>
 * The option numbers are those of {@code asm-generic/socket.h}.
 *
 * @author cluster-spring-boot-starter
 */
final class NativeSockets {

	static final int SO_REUSEPORT = 15;

	static final int SO_ACCEPTCONN = 30;

	static final int SO_PROTOCOL = 38;

	static final int SO_DOMAIN = 39;

	private static final int SOL_SOCKET = 1;

	private static final int SO_ATTACH_REUSEPORT_CBPF = 51;

	private static final int SO_DETACH_REUSEPORT_BPF = 68;

	/** {@code sizeof(struct sockaddr_storage)}: room for any address. */
	private static final int SOCKADDR_STORAGE = 128;

	private final LibC libc;

	private NativeSockets(LibC libc) {
		this.libc = libc;
	}

	/**
	 * Bind the C library.
	 * @return the calls
	 * @throws UnsatisfiedLinkError when JNA's native library or the C library cannot load
	 */
	static NativeSockets load() {
		return new NativeSockets(Native.load(Platform.C_LIBRARY_NAME, LibC.class));
	}

	/**
	 * Return an integer {@code SOL_SOCKET} option of a socket.
	 * @param fd the socket
	 * @param option the option, such as {@link #SO_ACCEPTCONN}
	 * @return its value
	 */
	int intOption(int fd, int option) {
		Memory value = new Memory(Integer.BYTES);
		value.clear();
		try {
			this.libc.getsockopt(fd, SOL_SOCKET, option, value, new IntByReference(Integer.BYTES));
		}
		catch (LastErrorException ex) {
			throw new SocketCallException("getsockopt(" + option + ") on fd " + fd, ex.getErrorCode(), ex);
		}
		return value.getInt(0);
	}

	/**
	 * Return the local port of a socket: {@code sin_port} and {@code sin6_port} both sit at
	 * offset 2, in network byte order.
	 * @param fd the socket
	 * @return the port
	 */
	int localPort(int fd) {
		Memory address = new Memory(SOCKADDR_STORAGE);
		address.clear();
		try {
			this.libc.getsockname(fd, address, new IntByReference(SOCKADDR_STORAGE));
		}
		catch (LastErrorException ex) {
			throw new SocketCallException("getsockname on fd " + fd, ex.getErrorCode(), ex);
		}
		return ((address.getByte(2) & 0xFF) << 8) | (address.getByte(3) & 0xFF);
	}

	/**
	 * Attach a program to the reuseport group of a socket, replacing the group's program
	 * at once. {@code struct sock_fprog} is a 16-bit length and a pointer aligned to its
	 * own size; the kernel copies the filter during the call.
	 * @param fd a member of the group, listening
	 * @param program the program
	 */
	void attach(int fd, BpfProgram program) {
		byte[] filters = program.toSockFilters(ByteOrder.nativeOrder());
		Memory filter = new Memory(filters.length);
		filter.write(0, filters, 0, filters.length);
		Memory fprog = new Memory(2L * Native.POINTER_SIZE);
		fprog.clear();
		fprog.setShort(0, (short) program.length());
		fprog.setPointer(Native.POINTER_SIZE, filter);
		try {
			this.libc.setsockopt(fd, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, fprog, (int) fprog.size());
		}
		catch (LastErrorException ex) {
			throw new SocketCallException("setsockopt(SO_ATTACH_REUSEPORT_CBPF) on fd " + fd, ex.getErrorCode(), ex);
		}
		finally {
			Reference.reachabilityFence(filter);
		}
	}

	/**
	 * Detach the program of the reuseport group of a socket; {@link Errno#ENOENT} when it
	 * has none. The kernel reads an {@code int} value and ignores it.
	 * @param fd a member of the group
	 */
	void detach(int fd) {
		Memory ignored = new Memory(Integer.BYTES);
		ignored.clear();
		try {
			this.libc.setsockopt(fd, SOL_SOCKET, SO_DETACH_REUSEPORT_BPF, ignored, Integer.BYTES);
		}
		catch (LastErrorException ex) {
			throw new SocketCallException("setsockopt(SO_DETACH_REUSEPORT_BPF) on fd " + fd, ex.getErrorCode(), ex);
		}
	}

}
