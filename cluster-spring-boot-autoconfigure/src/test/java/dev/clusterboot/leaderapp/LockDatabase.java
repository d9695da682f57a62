package dev.clusterboot.leaderapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * A real PostgreSQL server, from the binaries a Maven Central jar ships, listening on
 * 127.0.0.1 only, with Spring Integration's tables (its {@code INT_LOCK} table among
 * them) created from the PostgreSQL schema that spring-integration-jdbc ships. Closing it
 * stops the server and deletes its data.
 */
public final class LockDatabase implements AutoCloseable {

	private static final String SCHEMA = "org/springframework/integration/jdbc/schema-postgresql.sql";

	private final EmbeddedPostgres postgres;

	private LockDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Start the server and create the schema.
	 * @return the running database
	 */
	public static LockDatabase start() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setPGStartupWait(Duration.ofSeconds(30))
				.start();
			LockDatabase database = new LockDatabase(postgres);
			try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
				ScriptUtils.executeSqlScript(connection, new ClassPathResource(SCHEMA));
			}
			return database;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the server's port on 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.postgres.getPort();
	}

	/**
	 * Return the JDBC URL of the database, through another port on 127.0.0.1 (a proxy's).
	 * @param port the port
	 * @return the URL
	 */
	public static String url(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
	}

	/**
	 * Return the JDBC URL of the database.
	 * @return the URL
	 */
	public String url() {
		return url(port());
	}

	/**
	 * Return a data source that opens connections straight to the server.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return this.postgres.getPostgresDatabase();
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
