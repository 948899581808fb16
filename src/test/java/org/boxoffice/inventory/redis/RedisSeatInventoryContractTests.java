package org.boxoffice.inventory.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.SeatInventoryContract;
import org.boxoffice.shared.RedisConnections;
import org.boxoffice.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same contract against the real Redis server (127.0.0.1:6379, a database of its own). */
class RedisSeatInventoryContractTests extends SeatInventoryContract {
    private static RedisConnections redis;
    private final RedisSeatInventory inventory = new RedisSeatInventory(redis, record, Clock.fixed(T0, ZoneOffset.UTC));

    @BeforeAll
    static void connect() {
        redis = new RedisConnections(RedisServer.url(13), Duration.ofSeconds(2));
        redis.commands().flushdb();
    }

    @AfterAll
    static void disconnect() {
        redis.commands().flushdb();
        redis.destroy();
    }

    @Override
    protected SeatInventory inventory() {
        return inventory;
    }
}
