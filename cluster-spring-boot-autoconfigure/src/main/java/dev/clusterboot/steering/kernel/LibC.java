package dev.clusterboot.steering.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The three C library calls that steering makes, bound by JNA. Each throws
 * {@link LastErrorException} with the errno when the call returns -1. Only
 * {@link NativeSockets} uses it.
 *
 * @author cluster-spring-boot-starter
 */
interface LibC extends Library {

	/**
	 * {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t length)}.
	 * @param fd the socket
	 * @param level the protocol level, {@code SOL_SOCKET}
	 * @param name the option
	 * @param value the option's value
	 * @param length the value's length in bytes
	 * @return 0
	 * @throws LastErrorException when the call fails
	 */
	int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

	/**
	 * {@code int getsockopt(int fd, int level, int name, void *value, socklen_t *length)}.
	 * @param fd the socket
	 * @param level the protocol level, {@code SOL_SOCKET}
	 * @param name the option
	 * @param value where the value goes
	 * @param length the room in {@code value}, then the value's length
	 * @return 0
	 * @throws LastErrorException when the call fails
	 */
	int getsockopt(int fd, int level, int name, Pointer value, IntByReference length) throws LastErrorException;

	/**
	 * {@code int getsockname(int fd, struct sockaddr *address, socklen_t *length)}.
	 * @param fd the socket
	 * @param address where the local address goes
	 * @param length the room in {@code address}, then the address's length
	 * @return 0
	 * @throws LastErrorException when the call fails
	 */
	int getsockname(int fd, Pointer address, IntByReference length) throws LastErrorException;

}
