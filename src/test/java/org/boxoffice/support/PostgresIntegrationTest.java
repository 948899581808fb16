package org.boxoffice.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same application against the real PostgreSQL server (127.0.0.1:5432, database test), each test run in
 * a schema of its own. On a laptop without the server these tests are skipped; in CI (CI=true) they fail.
 */
public abstract class PostgresIntegrationTest extends IntegrationTest {
    public static final String URL = System.getenv().getOrDefault("BOXOFFICE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("BOXOFFICE_TEST_PG_USER", "postgres");
    private static final String SCHEMA = "bo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        requireServer();
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
    }

    static void requireServer() {
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            connection.isValid(2);
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresIntegrationTest::dropSchema));
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL is not reachable at " + URL + ": " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + URL + "; skipped outside CI");
        }
    }

    /** Leaves the shared test database as it was found. */
    private static void dropSchema() {
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + SCHEMA + ": " + e.getMessage());
        }
    }
}
