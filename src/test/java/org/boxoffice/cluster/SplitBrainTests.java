package org.boxoffice.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.boxoffice.support.Cluster;
import org.boxoffice.support.NodeProcess;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nodes without Redis keep the seat inventory in their own memory: a second one on the same PostgreSQL must not start,
 * and must say why; a node that is gone (stopped, or killed a moment ago) must not keep the next one out.
 */
class SplitBrainTests {

    @Test
    void aSecondNodeWithoutRedisOnTheSameDatabaseRefusesToStartAndSaysWhy() {
        try (Cluster cluster = new Cluster("")) {
            Cluster.Node first = cluster.start(Map.of());
            JdbcClient jdbc = first.bean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM node_heartbeats").query(Long.class).single())
                    .as("the first node beats").isEqualTo(1);

            assertThatThrownBy(() -> cluster.startProcess(Map.of()))
                    .hasMessageContaining("node exited")
                    .hasMessageContaining("serves this database without Redis")
                    .hasMessageContaining("Set BOXOFFICE_REDIS_URL on every node");
            assertThat(first.api().get("/readyz", null).status()).as("the first node still serves").isEqualTo(200);

            first.stop();
            NodeProcess next = cluster.startProcess(Map.of());
            assertThat(next.api().get("/readyz", null).status()).as("once the first stopped, another starts").isEqualTo(200);

            next.kill();
            NodeProcess afterCrash = cluster.startProcess(Map.of());
            assertThat(afterCrash.api().get("/readyz", null).status())
                    .as("a node killed a moment ago (its beat still recent, no longer growing) does not block the next").isEqualTo(200);
        }
    }
}
