package org.boxoffice.inventory.baseline;

import java.time.Clock;
import org.boxoffice.inventory.Holds;
import org.boxoffice.inventory.InventorySettings;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.infrastructure.RedisConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Replaces the live inventory with a seed baseline when BOXOFFICE_INVENTORY_STRATEGY names one. */
@Configuration(proxyBeanMethods = false)
@Conditional(SeedBaselineSelected.class)
class SeedBaselineConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SeedBaselineConfiguration.class);

    @Bean
    SeatInventory seedSeatInventory(InventorySettings settings, JdbcClient jdbc,
                                    JdbcTemplate batch, PlatformTransactionManager transactions, Holds holds, Clock clock,
                                    ObjectProvider<RedisConnections> redis) {
        SeedLocking locking = SeedLocking.of(settings.strategy().strip());
        log.warn("Seat inventory: the seed baseline {}, for benchmarks only (live seat maps follow snapshots, not changes)",
                locking.setting());
        RedisConnections connections = redis.getIfAvailable();
        return new SeedSeatInventory(locking, new SeedSeatTable(jdbc, batch), new TransactionTemplate(transactions), holds, clock,
                locking == SeedLocking.SET_NX && connections != null ? new RedisSeatLocks(connections) : null);
    }
}
