package org.boxoffice.ticketing;

import org.boxoffice.support.PostgresAvailable;
import org.boxoffice.support.PostgresIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The door on the real PostgreSQL: two racing scans meet its primary key, as in production. */
@ExtendWith(PostgresAvailable.class)
class PostgresCheckinTests extends CheckinTests {
    private static final String SCHEMA = PostgresIntegrationTest.newSchema("bo_tix_");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresIntegrationTest.onPostgres(registry, SCHEMA);
    }
}
