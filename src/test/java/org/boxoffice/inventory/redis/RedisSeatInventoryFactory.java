package org.boxoffice.inventory.redis;

import java.time.Clock;
import org.boxoffice.inventory.Holds;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.infrastructure.RedisConnections;

/** Lets tests outside the package (benchmarks) build the package-private adapter. */
public final class RedisSeatInventoryFactory {
    private RedisSeatInventoryFactory() {
    }

    public static SeatInventory create(RedisConnections redis, Holds holds, Clock clock) {
        return new RedisSeatInventory(redis, holds, clock);
    }
}
