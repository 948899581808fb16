package org.boxoffice.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.awaitility.Awaitility;
import org.boxoffice.support.RedisNodes;
import org.junit.jupiter.api.Test;

/** The change feed's subscription on a Redis Cluster survives the loss of the node it listens on. */
class ClusterSubscriptionTests {

    @Test
    void aSubscriptionWhoseNodeIsKilledMovesToAnotherNodeAndHearsMessagesAgain() throws Exception {
        try (RedisNodes nodes = RedisNodes.cluster(3)) {
            RedisConnections redis = new RedisConnections(nodes.clusterUrl(), Duration.ofSeconds(1));
            try {
                BlockingQueue<String> heard = new LinkedBlockingQueue<>();
                redis.subscribe("test:feed", new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        heard.add(message);
                    }
                });
                RedisNodes.Server[] listening = new RedisNodes.Server[1];
                nodes.await("the subscription is made on one node", Duration.ofSeconds(10), () -> {
                    for (RedisNodes.Server server : nodes.servers()) {
                        if (server.alive() && server.redis(c -> c.clientList()).contains(" sub=1 ")) {
                            listening[0] = server;
                            return true;
                        }
                    }
                    return false;
                });
                redis.commands().publish("test:feed", "before");
                assertThat(heard.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("before");

                listening[0].kill();

                Awaitility.await("a message published after the kill is heard").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                            redis.commands().publish("test:feed", "after");
                            return heard.contains("after");
                        });
            } finally {
                redis.destroy();
            }
        }
    }
}
