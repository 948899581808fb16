package org.boxoffice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.Cluster;
import org.boxoffice.support.Fixtures;
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
    private static final HexFormat HEX = HexFormat.of();
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

    private record Buyer(String token, String entryId) {
    }

    private static Buyer join(ApiClient node, String eventId) {
        String token = TestTokens.fan();
        ApiClient.Response challenge = node.get(queue(eventId) + "/challenge", token);
        assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
        ApiClient.Response joined = node.post(queue(eventId), token, Map.of("proofOfWork", ProofOfWorkSolver.solve(challenge.json())));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(202);
        assertThat(joined.json().get("preQueue").asBoolean()).isTrue();
        String claims = new String(java.util.Base64.getUrlDecoder().decode(joined.text("receipt").split("\\.")[1]), StandardCharsets.UTF_8);
        return new Buyer(token, tools.jackson.databind.json.JsonMapper.shared().readTree(claims).get("ent").asString());
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
        assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(HEX.parseHex(seed)))).isEqualTo(commitment);
        Map<String, Long> published = new HashMap<>();
        first.get("preQueue").forEach(e -> published.put(e.get("entryId").asString(), e.get("place").asLong()));
        Map<String, Long> recomputed = places(seed, buyers.stream().map(Buyer::entryId).toList());
        assertThat(published).isEqualTo(recomputed);
        // each buyer asks the node they did not join through; the admitters may have let some in already
        for (int i = 0; i < buyers.size(); i++) {
            ApiClient other = i % 2 == 0 ? restarted : cluster.node(0).api();
            JsonNode me = other.get(queue(eventId) + "/me", buyers.get(i).token()).json();
            if ("WAITING".equals(me.get("status").asString())) {
                assertThat(me.get("position").asLong()).isLessThanOrEqualTo(recomputed.get(buyers.get(i).entryId()));
            }
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

    private static Map<String, Long> places(String seed, List<String> entryIds) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HEX.parseHex(seed), "HmacSHA256"));
        Map<String, BigInteger> keys = new HashMap<>();
        for (String id : entryIds) {
            keys.put(id, new BigInteger(1, mac.doFinal(id.getBytes(StandardCharsets.UTF_8))));
        }
        List<String> order = entryIds.stream().sorted(Comparator.comparing(keys::get)).toList();
        Map<String, Long> places = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            places.put(order.get(i), i + 1L);
        }
        return places;
    }
}
