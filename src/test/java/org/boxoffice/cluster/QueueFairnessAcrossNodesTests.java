package org.boxoffice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.Cluster;
import org.boxoffice.support.Fixtures;
import org.boxoffice.support.IndependentShuffle;
import org.boxoffice.support.ProofOfWorkSolver;
import org.boxoffice.support.RedisProcess;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The committed shuffle on two nodes sharing PostgreSQL and Redis, in real time: both publish the same commitment,
 * one of them is restarted between the commitment and the opening, and after it both reveal the same seed and the
 * same pre-queue order, which is the one recomputed here and the one buyers see on either node.
 */
class QueueFairnessAcrossNodesTests {
    /** Reports worked out again every second, so that the test sees the admissions soon after they happen. */
    private static final Map<String, Object> NODE_SETTINGS = Map.of("boxoffice.waitingroom.report-refresh", "1s");
    private static RedisProcess redis;
    private static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        redis = RedisProcess.onFreePort();
        redis.start();
        cluster = new Cluster(redis.url());
        for (int i = 0; i < 2; i++) {
            cluster.start(NODE_SETTINGS);
        }
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static String queue(String eventId) {
        return "/api/v1/events/" + eventId + "/queue";
    }

    private record Buyer(String token, String entryId, String receipt) {
    }

    private static Buyer join(ApiClient node, String eventId) {
        String token = TestTokens.fan();
        ApiClient.Response challenge = node.get(queue(eventId) + "/challenge", token);
        assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
        ApiClient.Response joined = node.post(queue(eventId), token, Map.of("proofOfWork", ProofOfWorkSolver.solve(challenge.json())));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(202);
        assertThat(joined.json().get("preQueue").asBoolean()).isTrue();
        return new Buyer(token, IndependentShuffle.receiptClaims(joined.text("receipt")).get("ent").asString(), joined.text("receipt"));
    }

    @Test
    void bothNodesRevealTheSameSeedAndOrderAfterOneWasRestartedBetweenCommitmentAndOpening() throws Exception {
        Fixtures fixtures = cluster.fixtures();
        Instant onSaleAt = Instant.now().plusSeconds(30);
        String eventId = fixtures.event(fixtures.venue(1, 5, 20)).onSaleAt(onSaleAt)
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", 6000, "maxActiveUsers", 1000, "prequeueMinutes", 10,
                        "proofOfWorkMaxNumber", 2000))
                .create();
        String commitment = cluster.node(0).api().get(queue(eventId) + "/fairness", null).text("commitment");
        assertThat(cluster.node(1).api().get(queue(eventId) + "/fairness", null).text("commitment")).isEqualTo(commitment);
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            buyers.add(join(cluster.node(i % 2).api(), eventId));
        }

        cluster.node(1).stop();
        ApiClient restarted = cluster.start(NODE_SETTINGS).api();
        assertThat(restarted.get(queue(eventId) + "/fairness", null).text("commitment")).isEqualTo(commitment);
        assertThat(Instant.now()).as("the restart took too long for this test's opening time").isBefore(onSaleAt);
        // waiting for the opening time itself, not for something to happen
        Awaitility.await("the sale opens").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(onSaleAt.plusMillis(500)));

        JsonNode first = cluster.node(0).api().get(queue(eventId) + "/fairness", null).json();
        JsonNode second = restarted.get(queue(eventId) + "/fairness", null).json();

        assertThat(first.get("revealed").asBoolean()).isTrue();
        assertThat(second.get("seed").asString()).isEqualTo(first.get("seed").asString());
        assertThat(second.get("preQueue")).isEqualTo(first.get("preQueue"));
        String seed = first.get("seed").asString();
        assertThat(IndependentShuffle.commitment(seed)).isEqualTo(commitment);
        Map<String, Long> published = new HashMap<>();
        first.get("preQueue").forEach(e -> published.put(e.get("entryId").asString(), e.get("place").asLong()));
        Map<String, Long> recomputed = IndependentShuffle.places(seed, buyers.stream().map(Buyer::entryId).toList());
        assertThat(published).isEqualTo(recomputed);
        // each buyer proves their place at the node they did not join through (half the receipts were signed by the
        // node that was restarted since): one receipt key for the cluster, kept across restarts
        for (int i = 0; i < buyers.size(); i++) {
            ApiClient other = i % 2 == 0 ? restarted : cluster.node(0).api();
            ApiClient.Response proof = other.post(queue(eventId) + "/fairness/receipt", null, Map.of("receipt", buyers.get(i).receipt()));
            assertThat(proof.status()).as(proof.toString()).isEqualTo(200);
            assertThat(proof.json().get("place").asLong()).isEqualTo(recomputed.get(buyers.get(i).entryId()));
        }
        for (ApiClient node : List.of(cluster.node(0).api(), restarted)) {
            JsonNode seedCheck = Awaitility.await("every buyer admitted, as the report tells").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> node.get(queue(eventId) + "/fairness/report", null).json(),
                            report -> report.get("entries").get("preQueueAdmitted").asLong() == 60).get("seed");
            assertThat(seedCheck.get("commitmentMatches").asBoolean()).isTrue();
            assertThat(seedCheck.get("orderMatches").asBoolean()).isTrue();
            assertThat(seedCheck.get("preQueueAdmittedChecked").asLong()).isEqualTo(60);
        }
    }
}
