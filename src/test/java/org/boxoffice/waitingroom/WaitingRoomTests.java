package org.boxoffice.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.ProofOfWorkSolver;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The waiting room through HTTP, embedded mode: joining with proof of work, admission, tokens guarding holds. */
class WaitingRoomTests extends IntegrationTest {
    @Autowired
    WaitingRoomService waitingRoom;

    private String roomEvent(Instant onSaleAt, int admitPerMinute, int maxActive) {
        return fixtures.event(fixtures.venue(1, 2, 10)).onSaleAt(onSaleAt)
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", admitPerMinute, "maxActiveUsers", maxActive,
                        "prequeueMinutes", 30, "proofOfWorkMaxNumber", 2000))
                .create();
    }

    private ApiClient.Response challenge(String eventId, String token) {
        return api.get("/api/v1/events/" + eventId + "/queue/challenge", token);
    }

    private ApiClient.Response join(String eventId, String token) {
        ApiClient.Response challenge = challenge(eventId, token);
        assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
        return join(eventId, token, ProofOfWorkSolver.solve(challenge.json()));
    }

    private ApiClient.Response join(String eventId, String token, String proof) {
        return api.post("/api/v1/events/" + eventId + "/queue", token, Map.of("proofOfWork", proof));
    }

    private ApiClient.Response me(String eventId, String token) {
        return api.get("/api/v1/events/" + eventId + "/queue/me", token);
    }

    private ApiClient.Response hold(String eventId, String token, String admissionToken) {
        Map<String, String> headers = admissionToken == null ? Map.of() : Map.of("Admission-Token", admissionToken);
        return api.post("/api/v1/events/" + eventId + "/holds", token, Map.of("best", Map.of("quantity", 1)), headers);
    }

    private String admittedToken(String eventId, String fan) {
        assertThat(join(eventId, fan).status()).isEqualTo(202);
        CLOCK.advance(Duration.ofSeconds(2));
        waitingRoom.admitDueQueues();
        ApiClient.Response status = me(eventId, fan);
        assertThat(status.text("status")).as(status.toString()).isEqualTo("ADMITTED");
        return status.text("admissionToken");
    }

    @Test
    void issuesAltchaChallenges() {
        String eventId = roomEvent(CLOCK.instant().minusSeconds(60), 60, 100);

        ApiClient.Response challenge = challenge(eventId, TestTokens.fan());

        assertThat(challenge.status()).isEqualTo(200);
        assertThat(challenge.text("algorithm")).isEqualTo("SHA-256");
        assertThat(challenge.json().get("maxnumber").asLong()).isEqualTo(2000);
        assertThat(challenge.text("challenge")).hasSize(64);
        assertThat(challenge.text("salt")).isNotBlank();
        assertThat(challenge.text("signature")).isNotBlank();
    }

    @Test
    void joinsOncePerUserInArrivalOrderAfterTheSaleOpened() {
        String eventId = roomEvent(CLOCK.instant().minusSeconds(60), 60, 100);
        String first = TestTokens.fan();
        String second = TestTokens.fan();

        ApiClient.Response a = join(eventId, first);
        CLOCK.advance(Duration.ofMillis(5));
        ApiClient.Response b = join(eventId, second);
        ApiClient.Response again = join(eventId, first);

        assertThat(a.status()).isEqualTo(202);
        assertThat(a.text("status")).isEqualTo("WAITING");
        assertThat(a.json().get("position").asLong()).isEqualTo(1);
        assertThat(b.json().get("position").asLong()).isEqualTo(2);
        assertThat(b.json().get("estimatedWaitSeconds").asLong()).isEqualTo(2);
        assertThat(again.json().get("position").asLong()).isEqualTo(1);
        assertThat(me(eventId, second).json().get("position").asLong()).isEqualTo(2);
    }

    @Test
    void putsEarlyBuyersInThePreQueue() {
        String eventId = roomEvent(CLOCK.instant().plus(Duration.ofMinutes(10)), 60, 100);

        ApiClient.Response early = join(eventId, TestTokens.fan());

        assertThat(early.status()).isEqualTo(202);
        assertThat(early.json().get("preQueue").asBoolean()).isTrue();
        assertThat(early.json().get("estimatedWaitSeconds").asLong()).isGreaterThanOrEqualTo(600);
    }

    @Test
    void refusesToQueueBeforeThePreQueueOpensOrWithoutARoom() {
        String later = roomEvent(CLOCK.instant().plus(Duration.ofHours(2)), 60, 100);
        String plain = fixtures.event(fixtures.venue(1, 1, 2)).create();

        ApiClient.Response early = challenge(later, TestTokens.fan());
        ApiClient.Response none = challenge(plain, TestTokens.fan());

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.problemType()).isEqualTo("queue-not-open");
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.problemType()).isEqualTo("no-waiting-room");
    }

    @Test
    void rejectsBadForeignAndReplayedProofsOfWork() {
        String eventId = roomEvent(CLOCK.instant().minusSeconds(60), 60, 100);
        String fan = TestTokens.fan();
        ApiClient.Response challenge = challenge(eventId, fan);
        String proof = ProofOfWorkSolver.solve(challenge.json());
        long rightNumber = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(java.util.Base64.getDecoder().decode(proof)).get("number").asLong();

        ApiClient.Response wrong = join(eventId, fan, ProofOfWorkSolver.pack(challenge.json(), rightNumber + 1));
        ApiClient.Response garbage = join(eventId, fan, "not base64 at all!");
        ApiClient.Response missing = api.post("/api/v1/events/" + eventId + "/queue", fan, Map.of());
        ApiClient.Response someoneElses = join(eventId, TestTokens.fan(), proof);
        ApiClient.Response accepted = join(eventId, fan, proof);
        ApiClient.Response replayed = join(eventId, fan, proof);

        assertThat(List.of(wrong, garbage, missing, someoneElses)).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("proof-of-work-invalid");
        });
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.problemType()).isEqualTo("proof-of-work-replayed");
    }

    @Test
    void admitsAtTheRateAndHandsOutATokenThatUnlocksHolds() {
        String eventId = roomEvent(CLOCK.instant().minusSeconds(60), 60, 100);
        String fan = TestTokens.fan();

        ApiClient.Response without = hold(eventId, fan, null);
        String token = admittedToken(eventId, fan);
        ApiClient.Response with = hold(eventId, fan, token);

        assertThat(without.status()).isEqualTo(403);
        assertThat(without.problemType()).isEqualTo("admission-required");
        assertThat(with.status()).as(with.toString()).isEqualTo(201);
        assertThat(me(eventId, fan).text("admissionExpiresAt")).isNotBlank();
    }

    @Test
    void refusesForgedForeignExpiredAndOtherEventsTokens() {
        String eventId = roomEvent(CLOCK.instant().minusSeconds(60), 600, 100);
        String otherEvent = roomEvent(CLOCK.instant().minusSeconds(60), 600, 100);
        String fan = TestTokens.fan();
        String token = admittedToken(eventId, fan);
        String otherFansToken = admittedToken(eventId, TestTokens.fan());
        String otherEventToken = admittedToken(otherEvent, fan);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + token.substring(token.indexOf('.'), token.lastIndexOf('.') + 1);

        List<ApiClient.Response> refused = new ArrayList<>(List.of(hold(eventId, fan, forged), hold(eventId, fan, otherFansToken),
                hold(eventId, fan, otherEventToken), hold(eventId, fan, "garbage"), hold(eventId, fan, unsigned)));
        CLOCK.advance(Duration.ofMinutes(16));
        refused.add(hold(eventId, fan, token));

        assertThat(refused).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.problemType()).isEqualTo("admission-required");
        });
    }

    @Test
    void anAdmissionTokenIsNoAccessToken() {
        String eventId = roomEvent(CLOCK.instant().minusSeconds(60), 60, 100);
        String token = admittedToken(eventId, TestTokens.fan());

        assertThat(api.get("/api/v1/orders", token).status()).isEqualTo(401);
    }

    @Test
    void aBuyerWhoBoughtLeavesThePlaceToTheNextInLineAtOnce() {
        String eventId = roomEvent(CLOCK.instant().minusSeconds(60), 60, 1);
        String buyer = TestTokens.fan();
        String admission = admittedToken(eventId, buyer);
        String next = TestTokens.fan();
        assertThat(join(eventId, next).json().get("position").asLong()).isEqualTo(1);
        ApiClient.Response held = hold(eventId, buyer, admission);
        assertThat(held.status()).as(held.toString()).isEqualTo(201);

        ApiClient.Response bought = fixtures.checkout(buyer, held.text("holdId"), "tok_visa", java.util.UUID.randomUUID().toString());
        assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
        CLOCK.advance(Duration.ofSeconds(2));
        waitingRoom.admitDueQueues();

        // the only place (maxActiveUsers 1) is free again long before the buyer's 15-minute admission ends
        assertThat(me(eventId, next).text("status")).isEqualTo("ADMITTED");
        assertThat(me(eventId, buyer).text("status")).isEqualTo("EXPIRED");
    }

    @Test
    void sendsALapsedBuyerWhoDidNotBuyToTheBackOfTheQueue() {
        String eventId = roomEvent(CLOCK.instant().minusSeconds(60), 60, 1);
        String lapsing = TestTokens.fan();
        admittedToken(eventId, lapsing);
        String next = TestTokens.fan();
        assertThat(join(eventId, next).json().get("position").asLong()).isEqualTo(1);

        CLOCK.advance(Duration.ofMinutes(15));
        waitingRoom.admitDueQueues();

        assertThat(me(eventId, next).text("status")).isEqualTo("ADMITTED");
        ApiClient.Response back = me(eventId, lapsing);
        assertThat(back.text("status")).isEqualTo("WAITING");
        assertThat(back.json().get("position").asLong()).isEqualTo(1);
    }

    @Test
    void rateLimitsAUserHammeringTheQueueAndRefillsWithTime() {
        // the test's limit per user is 20 a second with a burst of 40, measured on the service's clock, which this
        // test moves: the outcome does not depend on how fast the machine sends the requests
        String eventId = roomEvent(CLOCK.instant().minusSeconds(60), 60, 100);
        String fan = TestTokens.fan();
        for (int i = 0; i < 40; i++) {
            assertThat(me(eventId, fan).status()).as("request %d of the burst passes the limiter", i + 1).isNotEqualTo(429);
        }

        ApiClient.Response limited = me(eventId, fan);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problemType()).isEqualTo("rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        CLOCK.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            assertThat(me(eventId, fan).status()).as("request %d after a second passes the limiter", i + 1).isNotEqualTo(429);
        }
        assertThat(me(eventId, fan).status()).isEqualTo(429);
    }

    @Test
    void countsPercentEncodedPathsAgainstTheSameLimit() {
        String eventId = roomEvent(CLOCK.instant().minusSeconds(60), 60, 100);
        String fan = TestTokens.fan();
        int limited = 0;
        for (int i = 0; i < 100; i++) {
            if (api.get("/api/v1/events/" + eventId + "/queue/m%65", fan).status() == 429) {
                limited++;
            }
        }

        assertThat(limited).as("/queue/m%65 is /queue/me to the router, so to the limiter too").isPositive();
    }
}
