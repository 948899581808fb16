package org.boxoffice.waitingroom.redis;

import java.time.Duration;
import java.util.Random;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.support.RedisServer;
import org.boxoffice.waitingroom.Queues;
import org.boxoffice.waitingroom.QueuesContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same contract against the real Redis server, in a database of its own. */
class RedisQueuesContractTests extends QueuesContract {
    private static RedisConnections redis;

    @BeforeAll
    static void connect() {
        redis = new RedisConnections(RedisServer.url(11), Duration.ofSeconds(5));
        // no FLUSHDB: every test uses events of random ids, and another build may be using this database right now
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
