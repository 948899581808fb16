package org.boxoffice.waitingroom.redis;

import java.time.Duration;
import java.util.Random;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.support.RedisNodes;
import org.boxoffice.waitingroom.Queues;
import org.boxoffice.waitingroom.QueuesContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same contract against a Redis Cluster of three primaries (with a replica each) that the test starts. */
class ClusterQueuesContractTests extends QueuesContract {
    private static RedisConnections redis;

    @BeforeAll
    static void connect() {
        redis = new RedisConnections(RedisNodes.sharedCluster().clusterUrl(), Duration.ofSeconds(5));
    }

    @AfterAll
    static void disconnect() {
        redis.destroy();
    }

    @Override
    protected Queues queues(Random random) {
        return new RedisQueues(redis, random);
    }
}
