package org.boxoffice.inventory.baseline;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The seed baselines on the embedded database (H2), each against the whole seat inventory contract. */
class SeedBaselinesOnH2ContractTests {
    private static HikariDataSource h2;

    @BeforeAll
    static void database() {
        h2 = SeedBaselineContract.migrated("jdbc:h2:mem:seed-baselines;DB_CLOSE_DELAY=-1", "sa", null);
    }

    @AfterAll
    static void close() {
        h2.close();
    }

    @Nested
    class SelectForUpdate extends SeedBaselineContract {
        @Override
        SeedSeatInventory create() {
            return build(SeedLocking.FOR_UPDATE, h2, null);
        }
    }

    @Nested
    class OptimisticVersion extends SeedBaselineContract {
        @Override
        SeedSeatInventory create() {
            return build(SeedLocking.OPTIMISTIC, h2, null);
        }
    }

    @Nested
    class RedisSetNx extends SeedBaselineContract {
        private static RedisConnections redis;

        @BeforeAll
        static void connect() {
            redis = new RedisConnections(RedisServer.url(12), Duration.ofSeconds(2));
        }

        @AfterAll
        static void disconnect() {
            redis.destroy();
        }

        @Override
        SeedSeatInventory create() {
            return build(SeedLocking.SET_NX, h2, redis);
        }
    }
}
