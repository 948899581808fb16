package org.boxoffice.ordering;

import org.boxoffice.support.PostgresAvailable;
import org.boxoffice.support.PostgresIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The organizer's overview on the real PostgreSQL: sales per minute are counted in SQL, which both databases must run. */
@ExtendWith(PostgresAvailable.class)
class PostgresOrganizerOverviewTests extends OrganizerOverviewTests {
    private static final String SCHEMA = PostgresIntegrationTest.newSchema("bo_org_");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresIntegrationTest.onPostgres(registry, SCHEMA);
    }
}
