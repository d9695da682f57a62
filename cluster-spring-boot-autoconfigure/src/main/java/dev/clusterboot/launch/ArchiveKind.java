package dev.clusterboot.launch;

/**
 * The two kinds of {@link ClassDataArchive}, by JDK, each with its file name and the JVM
 * options that create it, use it, and require it to map.
 *
 * @author cluster-spring-boot-starter
 */
enum ArchiveKind {

	/**
	 * AppCDS dynamic archive, JDK 13+.
	 */
	CDS("CDS archive", "app.jsa", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", "-Xshare:on"),

	/**
	 * AOT cache, JDK 25+ (JEP 483, created in one step by JEP 514).
	 */
	AOT_CACHE("AOT cache", "app.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=", "-XX:AOTMode=on");

	private final String description;

	private final String fileName;

	private final String createOption;

	private final String useOption;

	private final String requireOption;

	ArchiveKind(String description, String fileName, String createOption, String useOption, String requireOption) {
		this.description = description;
		this.fileName = fileName;
		this.createOption = createOption;
		this.useOption = useOption;
		this.requireOption = requireOption;
	}

	/**
	 * Return the kind's name for the log.
	 * @return for example {@code AOT cache}
	 */
	String description() {
		return this.description;
	}

	/**
	 * Return the archive's file name in its directory.
	 * @return for example {@code app.aot}
	 */
	String fileName() {
		return this.fileName;
	}

	/**
	 * Return the option that writes the archive, to which its path is appended.
	 * @return for example {@code -XX:AOTCacheOutput=}
	 */
	String createOption() {
		return this.createOption;
	}

	/**
	 * Return the option that uses the archive, to which its path is appended.
	 * @return for example {@code -XX:AOTCache=}
	 */
	String useOption() {
		return this.useOption;
	}

	/**
	 * Return the option that makes a JVM fail when it cannot map the archive.
	 * @return for example {@code -XX:AOTMode=on}
	 */
	String requireOption() {
		return this.requireOption;
	}

}
