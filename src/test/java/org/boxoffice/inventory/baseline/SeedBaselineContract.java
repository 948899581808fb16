package org.boxoffice.inventory.baseline;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.ZoneOffset;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.SeatInventoryContract;
import org.boxoffice.infrastructure.RedisConnections;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The seat inventory contract run against a seed baseline, so that what the benchmarks compare with the live
 * inventory is a correct inventory too: the same all-or-nothing holds, exact expiry, limits and fences.
 */
abstract class SeedBaselineContract extends SeatInventoryContract {
    private SeedSeatInventory inventory;

    /** A database with the service's schema; the tables are shared between tests, whose events have random ids. */
    static HikariDataSource migrated(String url, String user, @Nullable String schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(20);
        HikariDataSource dataSource = new HikariDataSource(config);
        var flyway = Flyway.configure().dataSource(dataSource);
        if (schema != null) {
            flyway.schemas(schema);
        }
        flyway.load().migrate();
        return dataSource;
    }

    SeedSeatInventory build(SeedLocking locking, javax.sql.DataSource dataSource, @Nullable RedisConnections redis) {
        return new SeedSeatInventory(locking, new SeedSeatTable(JdbcClient.create(dataSource), new JdbcTemplate(dataSource)),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), record, Clock.fixed(T0, ZoneOffset.UTC),
                redis == null ? null : new RedisSeatLocks(redis));
    }

    abstract SeedSeatInventory create();

    @BeforeEach
    void createInventory() {
        inventory = create();
    }

    @Override
    protected SeatInventory inventory() {
        return inventory;
    }
}
