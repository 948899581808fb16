package org.boxoffice.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.shared.Timestamps;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IndependentShuffle;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.ProofOfWorkSolver;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The waiting room's proof of fairness through HTTP, embedded mode, on a simulated sale the test clock drives: the
 * commitment before the opening, the seed and entry list after it, the order recomputed here independently and
 * compared with the places buyers saw and the order they were let in, signed receipts, the report's figures, and the
 * verifier script of the repository run against the service.
 */
class QueueFairnessTests extends IntegrationTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    WaitingRoomService waitingRoom;

    @Autowired
    JdbcClient jdbc;

    /** One buyer as the test saw them: their token, receipt, when they joined, place after the opening, admission. */
    private static final class Buyer {
        final String token = TestTokens.fan();
        String receipt;
        String entryId;
        boolean preQueue;
        Instant joinedAt;
        long positionAtOpening;
        Instant admittedAt;
        int admittedInRound;
        String admissionToken;
    }

    private String roomEvent(Instant onSaleAt, int admitPerMinute) {
        return fixtures.event(fixtures.venue(1, 5, 20)).onSaleAt(onSaleAt)
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", admitPerMinute, "maxActiveUsers", 1000,
                        "prequeueMinutes", 30, "proofOfWorkMaxNumber", 2000))
                .create();
    }

    private String queue(String eventId) {
        return "/api/v1/events/" + eventId + "/queue";
    }

    private ApiClient.Response join(String eventId, String token) {
        ApiClient.Response challenge = api.get(queue(eventId) + "/challenge", token);
        assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
        return api.post(queue(eventId), token, Map.of("proofOfWork", ProofOfWorkSolver.solve(challenge.json())));
    }

    private Buyer joined(String eventId) {
        Buyer buyer = new Buyer();
        ApiClient.Response joined = join(eventId, buyer.token);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(202);
        buyer.receipt = joined.text("receipt");
        JsonNode claims = IndependentShuffle.receiptClaims(buyer.receipt);
        buyer.entryId = claims.get("ent").asString();
        buyer.preQueue = claims.get("pre").asBoolean();
        buyer.joinedAt = Instant.parse(claims.get("jat").asString());
        assertThat(buyer.joinedAt).isEqualTo(CLOCK.instant());
        return buyer;
    }

    /** {@code count} buyers join one after the other, the test clock moving {@code apart} before each. */
    private List<Buyer> joinedApart(String eventId, int count, Duration apart) {
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CLOCK.advance(apart);
            buyers.add(joined(eventId));
        }
        return buyers;
    }

    private ApiClient.Response fairness(String eventId) {
        return api.get(queue(eventId) + "/fairness", null);
    }

    private ApiClient.Response report(String eventId) {
        return api.get(queue(eventId) + "/fairness/report", null);
    }

    private ApiClient.Response proveReceipt(String eventId, String receipt) {
        return api.post(queue(eventId) + "/fairness/receipt", null, Map.of("receipt", receipt));
    }

    @Test
    void aSimulatedSaleIsProvablyFairFromCommitmentToReport() throws Exception {
        Instant onSaleAt = CLOCK.instant().plus(Duration.ofMinutes(10));
        String eventId = roomEvent(onSaleAt, 600);

        ApiClient.Response before = fairness(eventId);
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(before.json().get("revealed").asBoolean()).isFalse();
        assertThat(before.json().has("seed")).isFalse();
        assertThat(before.json().has("preQueue")).isFalse();
        String commitment = before.text("commitment");
        assertThat(commitment).matches("[0-9a-f]{64}");
        ApiClient.Response early = report(eventId);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.problemType()).isEqualTo("fairness-not-revealed");

        // 30 buyers join the pre-queue over the minutes before the opening, refusals among them
        List<Buyer> pre = joinedApart(eventId, 30, Duration.ofSeconds(7));
        assertThat(pre).allSatisfy(b -> assertThat(b.preQueue).isTrue());
        assertThat(fairness(eventId).text("commitment")).isEqualTo(commitment);
        String stranger = TestTokens.fan();
        assertThat(api.post(queue(eventId), stranger, Map.of()).status()).isEqualTo(400);
        assertThat(api.post(queue(eventId), stranger, Map.of("proofOfWork", "")).status()).isEqualTo(400);
        assertThat(api.post(queue(eventId), stranger, Map.of("proofOfWork", "bm90IGEgcHJvb2Y=")).problemType()).isEqualTo("proof-of-work-invalid");

        // the sale opens; 20 more join, 5 ms apart
        CLOCK.set(onSaleAt.plusMillis(3));
        List<Buyer> later = joinedApart(eventId, 20, Duration.ofMillis(5));
        assertThat(later).allSatisfy(b -> assertThat(b.preQueue).isFalse());

        // what is published now: the seed behind the commitment, and the pre-queue with each entry's place
        ApiClient.Response after = fairness(eventId);
        assertThat(after.json().get("revealed").asBoolean()).isTrue();
        String seed = after.text("seed");
        assertThat(after.text("commitment")).isEqualTo(commitment);
        assertThat(IndependentShuffle.commitment(seed)).isEqualTo(commitment);
        Map<String, Long> published = new LinkedHashMap<>();
        after.json().get("preQueue").forEach(e -> published.put(e.get("entryId").asString(), e.get("place").asLong()));
        assertThat(published.keySet()).containsExactlyElementsOf(published.keySet().stream().sorted().toList());
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(pre.stream().map(b -> b.entryId).toList());
        Map<String, Long> recomputed = IndependentShuffle.places(seed, List.copyOf(published.keySet()));
        assertThat(published).isEqualTo(recomputed);

        // the places buyers see are the recomputed ones; later joiners queue behind in arrival order
        List<Buyer> everyone = new ArrayList<>(pre);
        everyone.addAll(later);
        for (Buyer buyer : everyone) {
            ApiClient.Response me = api.get(queue(eventId) + "/me", buyer.token);
            buyer.positionAtOpening = me.json().get("position").asLong();
        }
        assertThat(pre).allSatisfy(b -> assertThat(b.positionAtOpening).isEqualTo(recomputed.get(b.entryId)));
        for (int i = 0; i < later.size(); i++) {
            assertThat(later.get(i).positionAtOpening).isEqualTo(31L + i);
        }

        // rounds of admission, a second apart on the test clock: 10 a second, in that order
        int round = 0;
        while (everyone.stream().anyMatch(b -> b.admittedAt == null)) {
            round++;
            CLOCK.advance(Duration.ofSeconds(1));
            waitingRoom.admitDueQueues();
            for (Buyer buyer : everyone) {
                if (buyer.admittedAt == null) {
                    ApiClient.Response me = api.get(queue(eventId) + "/me", buyer.token);
                    if ("ADMITTED".equals(me.text("status"))) {
                        buyer.admittedAt = CLOCK.instant();
                        buyer.admittedInRound = round;
                        buyer.admissionToken = me.text("admissionToken");
                    }
                }
            }
            assertThat(round).isLessThan(10);
        }
        assertThat(round).isEqualTo(5);
        for (Buyer buyer : everyone) {
            assertThat(buyer.admittedInRound).as("round of the buyer at place %d", buyer.positionAtOpening)
                    .isEqualTo((int) ((buyer.positionAtOpening - 1) / 10) + 1);
        }

        // refusals the test causes: holds without an admission or with a forged one, and a buyer polling too fast
        String outsider = TestTokens.fan();
        ApiClient.Response unadmitted = api.post("/api/v1/events/" + eventId + "/holds", outsider, Map.of("best", Map.of("quantity", 1)));
        assertThat(unadmitted.problemType()).isEqualTo("admission-required");
        ApiClient.Response forged = api.post("/api/v1/events/" + eventId + "/holds", outsider, Map.of("best", Map.of("quantity", 1)),
                Map.of("Admission-Token", "forged"));
        assertThat(forged.problemType()).isEqualTo("admission-required");
        int rateLimited = 0;
        for (int i = 0; i < 60; i++) { // the test limit per user: 20 a second, bursts of 40
            if (api.get(queue(eventId) + "/me", later.getFirst().token).status() == 429) {
                rateLimited++;
            }
        }
        assertThat(rateLimited).isPositive();
        // an admitted buyer buys (once the limiter has refilled): through the queue, so no bypass
        CLOCK.advance(Duration.ofSeconds(3));
        Buyer first = later.getFirst();
        ApiClient.Response hold = api.post("/api/v1/events/" + eventId + "/holds", first.token, Map.of("best", Map.of("quantity", 2)),
                Map.of("Admission-Token", first.admissionToken));
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        assertThat(fixtures.checkout(first.token, hold.text("holdId"), "tok_visa", UUID.randomUUID().toString()).status()).isEqualTo(201);

        JsonNode report = report(eventId).json();

        assertThat(report.get("entries").get("preQueue").asLong()).isEqualTo(30);
        assertThat(report.get("entries").get("preQueueAdmitted").asLong()).isEqualTo(30);
        assertThat(report.get("entries").get("laterJoiners").asLong()).isEqualTo(20);
        assertThat(report.get("entries").get("laterJoinersAdmitted").asLong()).isEqualTo(20);
        JsonNode rate = report.get("admissionRate");
        assertThat(rate.get("configuredPerMinute").asInt()).isEqualTo(600);
        assertThat(rate.get("perMinute").get(0).asLong()).isEqualTo(50);
        assertThat(rate.get("busiestSecond").asLong()).isEqualTo(10);
        assertThat(report.get("waitSeconds").get("preQueue").get("p50").asDouble()).isEqualTo(nearestRank(pre, onSaleAt, 0.5));
        assertThat(report.get("waitSeconds").get("preQueue").get("p90").asDouble()).isEqualTo(nearestRank(pre, onSaleAt, 0.9));
        assertThat(report.get("waitSeconds").get("preQueue").get("max").asDouble()).isEqualTo(nearestRank(pre, onSaleAt, 1.0));
        assertThat(report.get("waitSeconds").get("laterJoiners").get("p50").asDouble()).isEqualTo(nearestRank(later, onSaleAt, 0.5));
        assertThat(report.get("waitSeconds").get("laterJoiners").get("p99").asDouble()).isEqualTo(nearestRank(later, onSaleAt, 0.99));
        JsonNode correlation = report.get("joinVersusAdmissionOrder");
        assertThat(correlation.get("laterJoiners").asDouble()).isEqualTo(1.0);
        // the pre-queue's admission order is its place order: ρ of join index against place, worked out here
        assertThat(correlation.get("preQueue").asDouble()).isCloseTo(spearman(pre), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Math.abs(correlation.get("preQueue").asDouble())).isLessThan(0.6);
        Map<String, Long> rejections = new HashMap<>();
        report.get("rejections").properties().forEach(e -> rejections.put(e.getKey(), e.getValue().asLong()));
        assertThat(rejections).isEqualTo(Map.of("proof-of-work-missing", 2L, "proof-of-work-invalid", 1L,
                "admission-token-missing", 1L, "admission-token-invalid", 1L, "rate-limited", (long) rateLimited));
        assertThat(report.get("notThroughQueue").get("holders").asLong()).isZero();
        assertThat(report.get("notThroughQueue").get("buyers").asLong()).isZero();
        JsonNode seedCheck = report.get("seed");
        assertThat(seedCheck.get("commitment").asString()).isEqualTo(commitment);
        assertThat(seedCheck.get("seed").asString()).isEqualTo(seed);
        assertThat(seedCheck.get("commitmentMatches").asBoolean()).isTrue();
        assertThat(seedCheck.get("committedInTime").asBoolean()).isTrue();
        assertThat(Instant.parse(seedCheck.get("committedAt").asString())).isBefore(pre.getFirst().joinedAt);
        assertThat(seedCheck.get("orderMatches").asBoolean()).isTrue();
        assertThat(seedCheck.get("preQueueAdmittedChecked").asLong()).isEqualTo(30);

        // a hold that got past the waiting room shows in the next report
        jdbc.sql("""
                INSERT INTO holds (id, event_id, user_id, fence, status, created_at, expires_at, max_expires_at)
                VALUES (:id, :event, 'sneaky-user', 0, 'EXPIRED', :now, :now, :now)""")
                .param("id", UUID.randomUUID().toString()).param("event", Long.parseLong(eventId))
                .param("now", Timestamps.utc(CLOCK.instant())).update();
        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(report(eventId).json().get("notThroughQueue").get("holders").asLong()).isEqualTo(1);
    }

    @Test
    void aReceiptProvesItsBuyersPlaceAndATamperedOneIsRejected() throws Exception {
        Instant onSaleAt = CLOCK.instant().plus(Duration.ofMinutes(5));
        String eventId = roomEvent(onSaleAt, 60);
        String otherEvent = roomEvent(onSaleAt, 60);
        List<Buyer> pre = joinedApart(eventId, 12, Duration.ofSeconds(3));
        Buyer elsewhere = joined(otherEvent);
        Buyer buyer = pre.get(4);

        ApiClient.Response beforeOpening = proveReceipt(eventId, buyer.receipt);
        assertThat(beforeOpening.status()).as(beforeOpening.toString()).isEqualTo(200);
        assertThat(beforeOpening.json().get("revealed").asBoolean()).isFalse();
        assertThat(beforeOpening.json().has("place")).isFalse();

        CLOCK.set(onSaleAt.plusSeconds(1));
        Buyer late = joined(eventId);
        String seed = fairness(eventId).text("seed");
        Map<String, Long> places = IndependentShuffle.places(seed, pre.stream().map(b -> b.entryId).toList());
        ApiClient.Response proof = proveReceipt(eventId, buyer.receipt);
        ApiClient.Response lateProof = proveReceipt(eventId, late.receipt);

        assertThat(proof.status()).as(proof.toString()).isEqualTo(200);
        assertThat(proof.text("entryId")).isEqualTo(buyer.entryId);
        assertThat(proof.json().get("listed").asBoolean()).isTrue();
        assertThat(proof.json().get("place").asLong()).isEqualTo(places.get(buyer.entryId))
                .isEqualTo(api.get(queue(eventId) + "/me", buyer.token).json().get("position").asLong());
        assertThat(proof.json().get("preQueueSize").asInt()).isEqualTo(12);
        assertThat(proof.text("key")).isEqualTo(String.format("%064x", IndependentShuffle.key(seed, buyer.entryId)));
        assertThat(lateProof.json().get("preQueue").asBoolean()).isFalse();
        assertThat(lateProof.json().has("place")).isFalse();

        // anyone can check the receipt with the published key, without asking the service
        com.nimbusds.jose.jwk.ECKey key = com.nimbusds.jose.jwk.ECKey.parse(fairness(eventId).json().get("receiptKey").toString());
        assertThat(signedByTheService(buyer.receipt, key)).isTrue();
        assertThat(pre).allSatisfy(b -> assertThat(signedByTheService(b.receipt, key)).isTrue());

        // another entry id under the same signature, a broken signature, another event's receipt, none at all
        String[] parts = buyer.receipt.split("\\.");
        assertThat(parts).hasSize(6);
        assertThat(parts[0]).isEqualTo("qr1");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forgedClaims = claims.replace(buyer.entryId, pre.get(0).entryId);
        assertThat(forgedClaims).isNotEqualTo(claims);
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(forgedClaims.getBytes(StandardCharsets.UTF_8));
        String forged = String.join(".", parts);
        String[] brokenSignature = buyer.receipt.split("\\.");
        char at = brokenSignature[5].charAt(10);
        brokenSignature[5] = brokenSignature[5].substring(0, 10) + (at == 'A' ? 'B' : 'A') + brokenSignature[5].substring(11);
        List<String> bad = List.of(forged, String.join(".", brokenSignature), elsewhere.receipt, "not-a-receipt", "");
        for (String receipt : bad) {
            ApiClient.Response refused = proveReceipt(eventId, receipt);
            assertThat(refused.status()).as(receipt).isEqualTo(400);
            assertThat(refused.problemType()).isEqualTo("receipt-invalid");
        }
        assertThat(proveReceipt(otherEvent, elsewhere.receipt).status()).isEqualTo(200);
        assertThat(signedByTheService(forged, key)).isFalse();
        assertThat(signedByTheService(String.join(".", brokenSignature), key)).isFalse();
    }

    /**
     * This test's own check of a receipt, as docs/fairness.md describes it: the claims' leaf hash folded up the path
     * gives the root that the batch signature (ES256, the published key) vouches for.
     */
    private static boolean signedByTheService(String receipt, com.nimbusds.jose.jwk.ECKey key) {
        try {
            String[] parts = receipt.split("\\.");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 0);
            byte[] hash = sha.digest(Base64.getUrlDecoder().decode(parts[1]));
            byte[] path = Base64.getUrlDecoder().decode(parts[2]);
            for (int i = 0; i < path.length; i += 33) {
                byte[] sibling = java.util.Arrays.copyOfRange(path, i + 1, i + 33);
                sha.update((byte) 1);
                sha.update(path[i] == 0 ? sibling : hash);
                hash = sha.digest(path[i] == 0 ? hash : sibling);
            }
            com.nimbusds.jwt.SignedJWT root = com.nimbusds.jwt.SignedJWT.parse(parts[3] + "." + parts[4] + "." + parts[5]);
            return root.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key))
                    && HEX.formatHex(hash).equals(root.getJWTClaimsSet().getStringClaim("root"));
        } catch (Exception malformed) {
            return false;
        }
    }

    @Test
    void theRepositorysVerifierRecomputesThePublishedOrderAndChecksAReceipt() throws Exception {
        Instant onSaleAt = CLOCK.instant().plus(Duration.ofMinutes(5));
        String eventId = roomEvent(onSaleAt, 60);
        List<Buyer> pre = joinedApart(eventId, 25, Duration.ofSeconds(2));
        String commitment = fairness(eventId).text("commitment");
        Verified notYet = verify(eventId);
        assertThat(notYet.exit()).as(notYet.output()).isEqualTo(2);
        assertThat(notYet.output()).contains(commitment);

        CLOCK.set(onSaleAt.plusSeconds(1));
        Buyer buyer = pre.get(7);
        long position = api.get(queue(eventId) + "/me", buyer.token).json().get("position").asLong();
        Verified verified = verify(eventId, "--commitment=" + commitment, "--receipt=" + buyer.receipt);
        Verified otherCommitment = verify(eventId, "--commitment=" + "0".repeat(64));
        String[] parts = buyer.receipt.split("\\.");
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8).replace(buyer.entryId, pre.get(0).entryId).getBytes(StandardCharsets.UTF_8));
        Verified forgedReceipt = verify(eventId, "--receipt=" + String.join(".", parts));

        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("ok          SHA-256(seed) equals the commitment", "(0 differ)", "all checks passed",
                "ok          the published entry has the receipt's join time", "came before the opening and before the first entry joined",
                "place       " + position + " of 25");
        assertThat(otherCommitment.exit()).as(otherCommitment.output()).isEqualTo(1);
        assertThat(otherCommitment.output()).contains("FAILED      the commitment is the one saved before the opening");
        assertThat(forgedReceipt.exit()).as(forgedReceipt.output()).isEqualTo(1);
        assertThat(forgedReceipt.output()).contains("FAILED      the receipt's claims are a leaf of the signed batch");
    }

    private record Verified(int exit, String output) {
    }

    /** Runs scripts/VerifyFairness.java as anyone would, with this JVM's java, against this service. */
    private Verified verify(String eventId, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "scripts/VerifyFairness.java", "http://localhost:" + port, eventId));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Verified(process.exitValue(), output);
    }

    @Test
    void aReportCatchesASeedThatDidNotOrderTheQueue() throws Exception {
        Instant onSaleAt = CLOCK.instant().plus(Duration.ofMinutes(5));
        String eventId = roomEvent(onSaleAt, 600);
        joinedApart(eventId, 20, Duration.ofSeconds(2));
        CLOCK.set(onSaleAt.plusMillis(1));
        CLOCK.advance(Duration.ofSeconds(2));
        waitingRoom.admitDueQueues();
        CLOCK.advance(Duration.ofSeconds(1));
        waitingRoom.admitDueQueues();
        assertThat(report(eventId).json().get("seed").get("orderMatches").asBoolean()).isTrue();

        // the stored seed replaced: first alone (no longer the committed one), then with a commitment to match
        String otherSeed = "ab".repeat(32);
        jdbc.sql("UPDATE queue_shuffles SET seed = :seed WHERE event_id = :event").param("seed", otherSeed)
                .param("event", Long.parseLong(eventId)).update();
        CLOCK.advance(Duration.ofSeconds(31));
        JsonNode swapped = report(eventId).json().get("seed");
        jdbc.sql("UPDATE queue_shuffles SET commitment = :commitment WHERE event_id = :event").param("commitment", IndependentShuffle.commitment(otherSeed))
                .param("event", Long.parseLong(eventId)).update();
        CLOCK.advance(Duration.ofSeconds(31));
        JsonNode recommitted = report(eventId).json().get("seed");

        assertThat(swapped.get("commitmentMatches").asBoolean()).isFalse();
        assertThat(swapped.get("orderMatches").asBoolean()).isFalse();
        assertThat(recommitted.get("commitmentMatches").asBoolean()).isTrue();
        assertThat(recommitted.get("orderMatches").asBoolean()).isFalse();
        assertThat(recommitted.get("firstMismatchAt").asLong()).isBetween(1L, 20L);
    }

    @Test
    void theRevealedDataIsWrittenOnceAndServedWithATagAndGzip() throws Exception {
        Instant onSaleAt = CLOCK.instant().plus(Duration.ofMinutes(5));
        String eventId = roomEvent(onSaleAt, 60);
        joinedApart(eventId, 5, Duration.ofSeconds(1));
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + port + queue(eventId) + "/fairness");
        HttpResponse<byte[]> before = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(before.headers().firstValue("ETag")).isEmpty();
        assertThat(before.headers().firstValue("Cache-Control")).hasValue("no-cache");
        CLOCK.set(onSaleAt.plusSeconds(1));

        HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(plain.body()).get("preQueue")).hasSize(5);
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (java.util.zip.GZIPInputStream unzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            assertThat(unzip.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
    }

    @Test
    void anonymousCheckersAreLimitedByAddressNotAsOneUser() {
        String eventId = roomEvent(CLOCK.instant().plus(Duration.ofMinutes(5)), 60);
        int limited = 0;
        // the test limit per user is 20 a second with a burst of 40, per address 100,000: 60 at once pass by address
        for (int i = 0; i < 60; i++) {
            if (fairness(eventId).status() == 429) {
                limited++;
            }
        }

        assertThat(limited).isZero();
    }

    private static double nearestRank(List<Buyer> buyers, Instant onSaleAt, double share) {
        double[] waits = buyers.stream().mapToDouble(b -> Duration.between(b.joinedAt.isBefore(onSaleAt) ? onSaleAt : b.joinedAt,
                b.admittedAt).toMillis() / 1000.0).sorted().toArray();
        return waits[(int) Math.ceil(share * waits.length) - 1];
    }

    /** Spearman's ρ of the pre-queue's join order against its places (no ties: joins 7 s apart, distinct places). */
    private static double spearman(List<Buyer> buyers) {
        int n = buyers.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = (i + 1) - buyers.get(i).positionAtOpening;
            sum += d * d;
        }
        return 1 - 6 * sum / (n * ((double) n * n - 1));
    }
}
