package org.boxoffice.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same application against the real PostgreSQL server (127.0.0.1:5432, database test), each test run in
 * a schema of its own. On a laptop without the server these tests are skipped; in CI (CI=true) they fail.
 */
@ExtendWith(PostgresAvailable.class)
public abstract class PostgresIntegrationTest extends IntegrationTest {
    public static final String URL = System.getenv().getOrDefault("BOXOFFICE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("BOXOFFICE_TEST_PG_USER", "postgres");
    private static final String SCHEMA = newSchema("bo_test_");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        onPostgres(registry, SCHEMA);
    }

    /** Points a test context at the real PostgreSQL, in a schema of its own that is dropped when the JVM ends. */
    public static void onPostgres(DynamicPropertyRegistry registry, String schema) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(schema)));
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> schema);
    }

    /** For code outside a Spring test (a cluster of nodes): skips on a laptop without PostgreSQL, fails in CI. */
    public static void requireServer() {
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            connection.isValid(2);
        } catch (SQLException e) {
            Servers.missing("PostgreSQL is not reachable at " + URL + ": " + e.getMessage());
        }
    }

    /** A fresh schema name for one test context or cluster. */
    public static String newSchema(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Leaves the shared test database as it was found. */
    private static void dropSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
