package dev.clusterboot.statewarnings;

import org.springframework.util.ClassUtils;

/**
 * Tells whether an object is of a type named by a string, for the detectors' optional
 * types (Spring JDBC's, Spring Session's, Caffeine's) that may be missing from the class
 * path.
 *
 * @author cluster-spring-boot-starter
 */
public final class TypeNames {

	private TypeNames() {
	}

	/**
	 * Whether a class is, extends or implements the named type.
	 * @param type the class
	 * @param name the fully qualified name of a class or interface
	 * @return {@code true} when {@code type} is assignable to that type
	 */
	public static boolean isA(Class<?> type, String name) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (candidate.getName().equals(name)) {
				return true;
			}
		}
		return ClassUtils.getAllInterfacesForClassAsSet(type).stream().anyMatch((face) -> face.getName().equals(name));
	}

}
