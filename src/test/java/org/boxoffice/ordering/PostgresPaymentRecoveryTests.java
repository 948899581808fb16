package org.boxoffice.ordering;

import org.boxoffice.support.PostgresAvailable;
import org.boxoffice.support.PostgresIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same tests on the real PostgreSQL, where the claims are about what the production database does. */
@ExtendWith(PostgresAvailable.class)
class PostgresPaymentRecoveryTests extends PaymentRecoveryTests {
    private static final String SCHEMA = PostgresIntegrationTest.newSchema("bo_ord_");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresIntegrationTest.onPostgres(registry, SCHEMA);
    }
}
