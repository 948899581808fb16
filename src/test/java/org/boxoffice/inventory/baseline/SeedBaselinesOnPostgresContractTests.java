package org.boxoffice.inventory.baseline;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.boxoffice.support.PostgresAvailable;
import org.boxoffice.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/** The database-locking seed baselines on the real PostgreSQL, whose row locks and isolation differ from H2's. */
@ExtendWith(PostgresAvailable.class)
class SeedBaselinesOnPostgresContractTests {
    private static final String SCHEMA = PostgresIntegrationTest.newSchema("bo_seed_");
    private static HikariDataSource postgres;

    @BeforeAll
    static void database() {
        postgres = SeedBaselineContract.migrated(PostgresIntegrationTest.URL + "?currentSchema=" + SCHEMA, PostgresIntegrationTest.USER,
                SCHEMA);
    }

    @AfterAll
    static void drop() throws SQLException {
        postgres.close();
        try (var connection = DriverManager.getConnection(PostgresIntegrationTest.URL, PostgresIntegrationTest.USER, "")) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Nested
    class SelectForUpdate extends SeedBaselineContract {
        @Override
        SeedSeatInventory create() {
            return build(SeedLocking.FOR_UPDATE, postgres, null);
        }
    }

    @Nested
    class OptimisticVersion extends SeedBaselineContract {
        @Override
        SeedSeatInventory create() {
            return build(SeedLocking.OPTIMISTIC, postgres, null);
        }
    }
}
