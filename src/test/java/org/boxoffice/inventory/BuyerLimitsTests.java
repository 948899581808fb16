package org.boxoffice.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.boxoffice.support.ApiAssertions.assertProblem;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An organizer's limits against scalpers with many accounts, as buyers meet them. */
class BuyerLimitsTests extends IntegrationTest {

    private String eventWith(Map<String, Object> buyerLimits) {
        return fixtures.event(fixtures.venue(1, 2, 10)).set("maxSeatsPerOrder", 8).set("buyerLimits", buyerLimits).create();
    }

    @Test
    void stopsAReleaseAndHoldAgainLoopAtTheBuyersHourlyCap() {
        String eventId = eventWith(Map.of("holdsPerBuyerPerHour", 3));
        List<String> seats = fixtures.seatIds(eventId);
        String scalper = TestTokens.fan();
        for (int i = 0; i < 3; i++) {
            String holdId = fixtures.holdId(scalper, eventId, seats.subList(0, 2));
            assertThat(api.delete("/api/v1/holds/" + holdId, scalper).status()).isEqualTo(204);
        }

        ApiClient.Response fourth = fixtures.hold(scalper, eventId, seats.subList(0, 2));

        assertProblem(fourth, 429, "hold-limit-reached");
        assertThat(Integer.parseInt(fourth.header("Retry-After"))).isPositive();
        assertThat(fixtures.seatStatuses(eventId).get(seats.get(0))).as("the refused hold left nothing held").isEqualTo("AVAILABLE");
        assertThat(fixtures.hold(TestTokens.fan(), eventId, seats.subList(0, 2)).status()).as("another buyer").isEqualTo(201);
    }

    @Test
    void capsTheSeatsHeldFromOneAddressAcrossItsAccounts() {
        String eventId = eventWith(Map.of("seatsPerAddressPerHour", 4));
        List<String> seats = fixtures.seatIds(eventId);
        ApiClient farm = new ApiClient(port);
        for (int account = 0; account < 2; account++) {
            ApiClient.Response hold = farm.post("/api/v1/events/" + eventId + "/holds", TestTokens.fan(),
                    Map.of("seatIds", seats.subList(account * 2, account * 2 + 2)));
            assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        }

        ApiClient.Response third = farm.post("/api/v1/events/" + eventId + "/holds", TestTokens.fan(),
                Map.of("seatIds", seats.subList(4, 5)));

        assertProblem(third, 429, "hold-limit-reached");
        assertThat(fixtures.seatStatuses(eventId).get(seats.get(4))).isEqualTo("AVAILABLE");
        assertThat(new ApiClient(port).post("/api/v1/events/" + eventId + "/holds", TestTokens.fan(),
                Map.of("seatIds", seats.subList(4, 5))).status()).as("another address").isEqualTo(201);
    }

    @Test
    void sellsOnlyToVerifiedEmailAddressesWhenTheEventAsks() {
        String eventId = eventWith(Map.of("requireVerifiedEmail", true));
        List<String> seats = fixtures.seatIds(eventId);

        ApiClient.Response unverified = fixtures.hold(TestTokens.fan(), eventId, seats.subList(0, 1));

        assertProblem(unverified, 403, "email-verification-required");
        assertThat(fixtures.seatStatuses(eventId).get(seats.get(0))).isEqualTo("AVAILABLE");
        assertThat(fixtures.hold(TestTokens.verifiedFan(), eventId, seats.subList(0, 1)).status()).isEqualTo(201);
    }

    @Test
    void letsAnOwnAccountBuyOnceItHasVerifiedItsAddress() {
        String eventId = eventWith(Map.of("requireVerifiedEmail", true));
        String email = "verify-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response registered = api.post("/api/v1/auth/register", null,
                Map.of("email", email, "password", "quartz-meadow-tunnel-64", "displayName", "Verifying Fan"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String token = api.post("/api/v1/auth/token", null, Map.of("email", email, "password", "quartz-meadow-tunnel-64")).text("accessToken");
        assertProblem(fixtures.hold(token, eventId, fixtures.seatIds(eventId).subList(0, 1)), 403, "email-verification-required");

        assertThat(api.post("/api/v1/auth/email-verification", token, null).status()).isEqualTo(202);
        ApiClient.Response confirmed = api.post("/api/v1/auth/email-verification/confirm", token,
                Map.of("token", MAILED_VERIFICATIONS.get(email)));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        String verified = confirmed.text("accessToken");

        assertThat(fixtures.hold(verified, eventId, fixtures.seatIds(eventId).subList(0, 1)).status()).isEqualTo(201);
    }

    @Test
    void showsTheLimitsOnTheEventAndAppliesTheDefaultHoldCap() {
        String limited = eventWith(Map.of("requireVerifiedEmail", true, "seatsPerAddressPerHour", 6, "seatsPerCard", 4));
        String plain = fixtures.event(fixtures.venue(1, 1, 2)).create();

        JsonNode limits = api.get("/api/v1/events/" + limited, null).json().get("limits");
        JsonNode defaults = api.get("/api/v1/events/" + plain, null).json().get("limits");

        assertThat(limits.get("requireVerifiedEmail").asBoolean()).isTrue();
        assertThat(limits.get("seatsPerAddressPerHour").asInt()).isEqualTo(6);
        assertThat(limits.get("seatsPerCard").asInt()).isEqualTo(4);
        assertThat(limits.get("holdsPerBuyerPerHour").asInt()).as("the service's default").isEqualTo(30);
        assertThat(defaults.get("requireVerifiedEmail").asBoolean()).isFalse();
        assertThat(defaults.has("seatsPerCard")).isFalse();
    }

    @Test
    void refusesLimitsOutOfRange() {
        ApiClient.Response response = api.post("/api/v1/admin/events", fixtures.organizerToken(),
                fixtures.event(fixtures.venue(1, 1, 2)).set("buyerLimits", Map.of("holdsPerBuyerPerHour", 0)).body());

        assertProblem(response, 400, null);
        assertThat(response.json().get("detail").asString()).contains("holdsPerBuyerPerHour");
    }
}
