package dev.clusterboot.statewarnings;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.context.ApplicationContext;

import dev.clusterboot.api.StateDetector;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.StateWarningKind;

/**
 * Finds {@link DataSource} beans that are embedded in-memory databases: a JDBC URL of
 * H2's, HSQLDB's or Derby's in-memory kind, or an embedded database that Spring built
 * without a URL. The URL is read from the pool's bean properties, so no connection is
 * opened.
 *
 * @author cluster-spring-boot-starter
 */
public final class InMemoryDatabaseDetector implements StateDetector {

	private static final String EMBEDDED_DATABASE = "org.springframework.jdbc.datasource.embedded.EmbeddedDatabase";

	/**
	 * The bean properties that hold a JDBC URL: Hikari's, then most pools' and Spring's,
	 * then H2's and Oracle's own data sources.
	 */
	private static final List<String> URL_PROPERTIES = List.of("jdbcUrl", "url", "URL");

	private static final List<InMemoryUrl> IN_MEMORY_URLS = List.of(new InMemoryUrl("jdbc:h2:mem:", "H2"),
			new InMemoryUrl("jdbc:hsqldb:mem:", "HSQLDB"), new InMemoryUrl("jdbc:derby:memory:", "Derby"));

	@Override
	public StateWarningKind kind() {
		return StateWarningKind.IN_MEMORY_DATABASE;
	}

	@Override
	public List<StateWarning> detect(ApplicationContext context) {
		List<StateWarning> found = new ArrayList<>();
		context.getBeansOfType(DataSource.class, false, false).forEach((name, dataSource) -> {
			String database = inMemoryDatabase(dataSource);
			if (database != null) {
				found.add(StateWarning.of(kind(), "DataSource bean '" + name + "' is " + database
						+ ", so each worker has a database of its own"));
			}
		});
		return found;
	}

	private static @Nullable String inMemoryDatabase(DataSource dataSource) {
		if (TypeNames.isA(dataSource.getClass(), EMBEDDED_DATABASE)) {
			return "an embedded database that Spring created in memory";
		}
		String url = url(dataSource);
		for (InMemoryUrl inMemory : IN_MEMORY_URLS) {
			if (url != null && url.regionMatches(true, 0, inMemory.prefix(), 0, inMemory.prefix().length())) {
				return "an in-memory " + inMemory.database() + " database (" + inMemory.prefix() + ")";
			}
		}
		return null;
	}

	private static @Nullable String url(DataSource dataSource) {
		BeanWrapper properties = PropertyAccessorFactory.forBeanPropertyAccess(dataSource);
		for (String property : URL_PROPERTIES) {
			try {
				if (properties.isReadableProperty(property)
						&& properties.getPropertyValue(property) instanceof String url && !url.isBlank()) {
					return url;
				}
			}
			catch (BeansException ex) {
				// a getter that fails says nothing about the URL
			}
		}
		return null;
	}

	/**
	 * The start of an in-memory database's JDBC URL.
	 *
	 * @param prefix the URL's start
	 * @param database the database's name
	 */
	private record InMemoryUrl(String prefix, String database) {
	}

}
