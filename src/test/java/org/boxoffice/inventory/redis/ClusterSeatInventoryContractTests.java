package org.boxoffice.inventory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.SeatInventoryContract;
import org.boxoffice.support.RedisNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract against a Redis Cluster of three primaries (with a replica each) that the test starts. */
class ClusterSeatInventoryContractTests extends SeatInventoryContract {
    private static RedisNodes nodes;
    private static RedisConnections redis;
    private final RedisSeatInventory inventory = new RedisSeatInventory(redis, record, Clock.fixed(T0, ZoneOffset.UTC));

    @BeforeAll
    static void connect() {
        nodes = RedisNodes.sharedCluster();
        redis = new RedisConnections(nodes.clusterUrl(), Duration.ofSeconds(2));
        assertThat(redis.isCluster()).isTrue();
    }

    @AfterAll
    static void disconnect() {
        redis.destroy();
    }

    @Override
    protected SeatInventory inventory() {
        return inventory;
    }

    @Test
    void keepsEachEventOnOneShardAndSpreadsEventsOverAllThree() {
        Set<Integer> primaries = LongStream.range(1, 40).mapToObj(id -> nodes.primaryFor(SeatScripts.keys(id)[0]).port())
                .collect(Collectors.toSet());
        assertThat(primaries).hasSize(3);
        for (long id = 1; id < 40; id++) {
            String[] keys = SeatScripts.keys(id);
            int slot = SlotHash.getSlot(keys[0]);
            for (String key : keys) {
                assertThat(SlotHash.getSlot(key)).as(key).isEqualTo(slot);
            }
        }
    }
}
