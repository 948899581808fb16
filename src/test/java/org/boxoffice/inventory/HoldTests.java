package org.boxoffice.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.boxoffice.support.ApiAssertions.assertMoney;
import static org.boxoffice.support.ApiAssertions.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.Concurrently;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Holds over HTTP: placing named and best-available holds, the limits and validation around them, reading,
 * extending and releasing them, and exact expiry driven by the test clock alone (the sweeper never runs).
 */
class HoldTests extends IntegrationTest {
    private static final int HOLD_SECONDS = 60;

    // ---------------------------------------------------------------- placing named seats

    @Test
    void holdsNamedSeatsAndMarksThemHeld() {
        String eventId = event(1, 2, 10);
        List<String> all = fixtures.seatIds(eventId);
        List<String> wanted = List.of(all.get(0), all.get(1));
        String categoryId = categoryIds(eventId).get("Standard");
        String fan = TestTokens.fan();
        Instant now = CLOCK.instant();

        ApiClient.Response hold = fixtures.hold(fan, eventId, wanted);

        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        assertThat(hold.text("holdId")).isNotBlank();
        assertThat(hold.text("eventId")).isEqualTo(eventId);
        assertThat(Instant.parse(hold.text("expiresAt"))).isEqualTo(now.plusSeconds(HOLD_SECONDS));
        assertMoney(hold.json().get("total"), "100.00");
        JsonNode seats = hold.json().get("seats");
        assertThat(seats).hasSize(2);
        Map<String, JsonNode> plan = seatMap(eventId);
        List<String> heldIds = new ArrayList<>();
        for (JsonNode seat : seats) {
            String id = seat.get("id").asString();
            heldIds.add(id);
            assertThat(seat.get("label").asString()).isEqualTo(plan.get(id).get("label").asString());
            assertThat(seat.get("categoryId").asString()).isEqualTo(categoryId);
            assertMoney(seat.get("price"), "50.00");
        }
        assertThat(heldIds).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(plan.get(all.get(0)).get("label").asString()).isEqualTo("A Row 1 Seat 1");

        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        assertThat(statuses).containsEntry(all.get(0), "HELD").containsEntry(all.get(1), "HELD");
        assertThat(countWithStatus(statuses, "HELD")).isEqualTo(2);
        assertThat(countWithStatus(statuses, "AVAILABLE")).isEqualTo(18);
    }

    @Test
    void rejectsOverlappingHoldListingExactlyTheTakenSeatsAndHoldingNothing() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String first = TestTokens.fan();
        String second = TestTokens.fan();
        fixtures.holdId(first, eventId, List.of(s.get(1), s.get(2)));

        ApiClient.Response clash = fixtures.hold(second, eventId, List.of(s.get(0), s.get(1), s.get(2), s.get(3)));

        assertProblem(clash, 409, "seats-unavailable");
        assertThat(strings(clash.json().get("unavailableSeatIds"))).containsExactlyInAnyOrder(s.get(1), s.get(2));
        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        assertThat(statuses).containsEntry(s.get(0), "AVAILABLE").containsEntry(s.get(3), "AVAILABLE")
                .containsEntry(s.get(1), "HELD").containsEntry(s.get(2), "HELD");
        assertThat(countWithStatus(statuses, "HELD")).isEqualTo(2);
        // the failed attempt did not count against the second user's limit of 4 either
        ApiClient.Response free = fixtures.hold(second, eventId, List.of(s.get(0), s.get(3), s.get(4), s.get(5)));
        assertThat(free.status()).as(free.toString()).isEqualTo(201);
    }

    @Test
    void rejectsUnknownSeatIdsNamingThemAndHoldingNothing() {
        String eventId = event(1, 1, 10);
        String otherEvent = event(1, 1, 10); // another venue: its seat ids are not seats of eventId
        String foreignSeat = fixtures.seatIds(otherEvent).get(0);
        String ownSeat = fixtures.seatIds(eventId).get(0);
        String fan = TestTokens.fan();

        ApiClient.Response response = fixtures.hold(fan, eventId, List.of(ownSeat, foreignSeat, "abc", "999999999999"));

        assertProblem(response, 400, "unknown-seats");
        assertThat(strings(response.json().get("unknownSeatIds"))).containsExactly(foreignSeat, "abc", "999999999999");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
        assertThat(fixtures.seatStatuses(otherEvent).values()).containsOnly("AVAILABLE");
    }

    @Test
    void rejectsDuplicateSeatIds() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);

        ApiClient.Response response = fixtures.hold(TestTokens.fan(), eventId, List.of(s.get(0), s.get(1), s.get(0)));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void rejectsEmptySeatList() {
        String eventId = event(1, 1, 10);

        ApiClient.Response response = fixtures.hold(TestTokens.fan(), eventId, List.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void rejectsMoreThanOneHundredSeatIdsAsBadRequestBeforeAnyLimit() {
        String eventId = fixtures.event(fixtures.venue(1, 11, 10)).category("Standard", "50.00", "A")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 100).create();
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();

        ApiClient.Response tooMany = fixtures.hold(fan, eventId, s.subList(0, 101));

        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
        // exactly 100 is the largest allowed list
        ApiClient.Response hundred = fixtures.hold(fan, eventId, s.subList(0, 100));
        assertThat(hundred.status()).as(hundred.toString()).isEqualTo(201);
        assertThat(countWithStatus(fixtures.seatStatuses(eventId), "HELD")).isEqualTo(100);
    }

    @Test
    void requiresExactlyOneOfSeatIdsAndBest() {
        String eventId = event(1, 1, 10);
        String seat = fixtures.seatIds(eventId).get(0);
        String fan = TestTokens.fan();

        ApiClient.Response both = holdRequest(fan, eventId, Map.of("seatIds", List.of(seat), "best", Map.of("quantity", 1)));
        ApiClient.Response neither = holdRequest(fan, eventId, Map.of());

        assertProblem(both, 400, null);
        assertProblem(neither, 400, null);
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void rejectsMoreSeatsThanTheEventAllowsPerOrder() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);

        ApiClient.Response named = fixtures.hold(TestTokens.fan(), eventId, s.subList(0, 5));
        ApiClient.Response best = holdRequest(TestTokens.fan(), eventId, Map.of("best", Map.of("quantity", 5)));

        assertProblem(named, 422, "limit-exceeded");
        assertProblem(best, 422, "limit-exceeded");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void countsOpenHoldsTowardsThePerUserLimit() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        fixtures.holdId(fan, eventId, s.subList(0, 2));
        fixtures.holdId(fan, eventId, s.subList(2, 4));

        ApiClient.Response fifth = fixtures.hold(fan, eventId, List.of(s.get(4)));
        ApiClient.Response bestFifth = holdRequest(fan, eventId, Map.of("best", Map.of("quantity", 1)));

        assertProblem(fifth, 422, "limit-exceeded");
        assertThat(fifth.json().get("alreadyHeldOrBought").asInt()).isEqualTo(4);
        assertProblem(bestFifth, 422, "limit-exceeded");
        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        assertThat(countWithStatus(statuses, "HELD")).isEqualTo(4);
        assertThat(statuses).containsEntry(s.get(4), "AVAILABLE");
        // the limit is per user: someone else may still hold that seat
        assertThat(fixtures.hold(TestTokens.fan(), eventId, List.of(s.get(4))).status()).isEqualTo(201);
    }

    @Test
    void countsBoughtTicketsTowardsThePerUserLimit() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        fixtures.buy(fan, eventId, s.subList(0, 3));

        ApiClient.Response two = fixtures.hold(fan, eventId, s.subList(3, 5));

        assertProblem(two, 422, "limit-exceeded");
        assertThat(two.json().get("alreadyHeldOrBought").asInt()).isEqualTo(3);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(3), "AVAILABLE").containsEntry(s.get(4), "AVAILABLE");
        ApiClient.Response one = fixtures.hold(fan, eventId, List.of(s.get(3)));
        assertThat(one.status()).as(one.toString()).isEqualTo(201);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(3), "HELD").containsEntry(s.get(4), "AVAILABLE");
    }

    @Test
    void rejectsHoldBeforeTheSaleOpens() {
        Instant now = CLOCK.instant();
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).category("Standard", "50.00", "A")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4)
                .onSaleAt(now.plus(Duration.ofHours(1))).startsAt(now.plus(Duration.ofDays(10))).create();
        List<String> s = fixtures.seatIds(eventId);

        ApiClient.Response named = fixtures.hold(TestTokens.fan(), eventId, List.of(s.get(0)));
        ApiClient.Response best = holdRequest(TestTokens.fan(), eventId, Map.of("best", Map.of("quantity", 1)));

        assertProblem(named, 409, "not-on-sale");
        assertProblem(best, 409, "not-on-sale");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void rejectsHoldOnceTheEventHasStarted() {
        Instant now = CLOCK.instant();
        Instant startsAt = now.plus(Duration.ofMinutes(2));
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).category("Standard", "50.00", "A")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4).startsAt(startsAt).create();
        List<String> s = fixtures.seatIds(eventId);
        advanceTo(startsAt); // the sale window ends exactly when the event starts

        ApiClient.Response named = fixtures.hold(TestTokens.fan(), eventId, List.of(s.get(0)));

        assertProblem(named, 409, "not-on-sale");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void answersNotFoundForUnknownEvent() {
        String fan = TestTokens.fan();

        ApiClient.Response unknown = holdRequest(fan, "987654321987", Map.of("best", Map.of("quantity", 1)));
        ApiClient.Response nonNumeric = holdRequest(fan, "no-such-event", Map.of("seatIds", List.of("1")));

        assertProblem(unknown, 404, null);
        assertProblem(nonNumeric, 404, null);
    }

    @Test
    void rejectsTwoSpellingsOfTheSameSeatAndKeepsTheUsersLimitIntact() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();

        // "0" + id parses to the same number: it is either the same seat named twice or not a seat id at all
        ApiClient.Response twice = fixtures.hold(fan, eventId, List.of(s.get(0), "0" + s.get(0)));

        assertProblem(twice, 400, null);
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
        ApiClient.Response four = fixtures.hold(fan, eventId, s.subList(0, 4));
        assertThat(four.status()).as("the refused request must not use up the limit: " + four).isEqualTo(201);
    }

    @Test
    void rejectsMalformedHoldBodies() {
        String eventId = event(1, 1, 10);
        String seat = fixtures.seatIds(eventId).get(0);
        String fan = TestTokens.fan();
        String path = "/api/v1/events/" + eventId + "/holds";

        List<ApiClient.Response> responses = List.of(
                api.send("POST", path, fan, "{\"seatIds\": [\"" + seat + "\"", Map.of()),
                api.send("POST", path, fan, "{\"seatIds\": \"" + seat + "\"}", Map.of()),
                api.send("POST", path, fan, "{\"best\": {\"quantity\": 99999999999}}", Map.of()),
                api.send("POST", path, fan, "", Map.of()),
                holdRequest(fan, eventId, Map.of("seatIds", Arrays.asList(seat, null))));

        assertThat(responses).allSatisfy(r -> assertProblem(r, 400, null));
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void refusesToHoldABlockedSeat() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        ApiClient.Response block = api.post("/api/v1/admin/events/" + eventId + "/seats/block", fixtures.organizerToken(),
                Map.of("seatIds", List.of(s.get(0))));
        assertThat(block.status()).as(block.toString()).isEqualTo(200);

        ApiClient.Response hold = fixtures.hold(TestTokens.fan(), eventId, List.of(s.get(0), s.get(1)));

        assertProblem(hold, 409, "seats-unavailable");
        assertThat(strings(hold.json().get("unavailableSeatIds"))).containsExactly(s.get(0));
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(0), "BLOCKED").containsEntry(s.get(1), "AVAILABLE");
    }

    @Test
    void concurrentHoldsOfOverlappingSeatsLetExactlyOneWin() throws Exception {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        int users = 8;
        List<String> tokens = IntStream.range(0, users).mapToObj(i -> TestTokens.fan()).toList();

        // every request wants seat 5 plus a seat of its own, so at most one can be granted
        List<ApiClient.Response> responses = Concurrently.run(users,
                i -> fixtures.hold(tokens.get(i), eventId, List.of(s.get(4), s.get(i < 4 ? i : i + 1))));

        List<ApiClient.Response> won = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(won).as(responses.toString()).hasSize(1);
        assertThat(responses).allSatisfy(r -> {
            if (r.status() != 201) {
                assertProblem(r, 409, "seats-unavailable");
                assertThat(strings(r.json().get("unavailableSeatIds"))).containsExactly(s.get(4));
            }
        });
        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        assertThat(countWithStatus(statuses, "HELD")).as("all-or-nothing: only the winner's two seats").isEqualTo(2);
        won.getFirst().json().get("seats").forEach(seat -> assertThat(statuses).containsEntry(seat.get("id").asString(), "HELD"));
    }

    @Test
    void concurrentHoldsOfOneUserNeverExceedTheLimit() throws Exception {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();

        List<ApiClient.Response> responses = Concurrently.run(5, i -> fixtures.hold(fan, eventId, s.subList(2 * i, 2 * i + 2)));

        assertThat(responses.stream().filter(r -> r.status() == 201)).as(responses.toString()).hasSize(2);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 422));
        assertThat(countWithStatus(fixtures.seatStatuses(eventId), "HELD")).isEqualTo(4);
    }

    // ---------------------------------------------------------------- reading, ownership

    @Test
    void readsOwnHold() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        ApiClient.Response placed = fixtures.hold(fan, eventId, s.subList(0, 2));
        String holdId = placed.text("holdId");

        ApiClient.Response read = getHold(fan, holdId);

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.text("holdId")).isEqualTo(holdId);
        assertThat(read.text("eventId")).isEqualTo(eventId);
        assertThat(read.json().get("seats")).isEqualTo(placed.json().get("seats"));
        assertThat(read.json().get("total")).isEqualTo(placed.json().get("total"));
        assertThat(Instant.parse(read.text("expiresAt"))).isEqualTo(Instant.parse(placed.text("expiresAt")));
    }

    @Test
    void hidesHoldFromOtherUsersAndLetsThemNeitherExtendNorReleaseIt() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String owner = TestTokens.fan();
        String intruder = TestTokens.fan();
        ApiClient.Response placed = fixtures.hold(owner, eventId, s.subList(0, 2));
        String holdId = placed.text("holdId");
        CLOCK.advance(Duration.ofSeconds(10)); // so that a successful extend would visibly move expiresAt

        ApiClient.Response read = getHold(intruder, holdId);
        ApiClient.Response extend = api.post("/api/v1/holds/" + holdId + "/extend", intruder, null);
        ApiClient.Response release = api.delete("/api/v1/holds/" + holdId, intruder);

        assertProblem(read, 404, "not-found");
        assertProblem(extend, 404, "not-found");
        assertProblem(release, 404, "not-found");
        ApiClient.Response intact = getHold(owner, holdId);
        assertThat(intact.status()).as(intact.toString()).isEqualTo(200);
        assertThat(Instant.parse(intact.text("expiresAt"))).isEqualTo(Instant.parse(placed.text("expiresAt")));
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(0), "HELD").containsEntry(s.get(1), "HELD");
    }

    @Test
    void answersNotFoundForUnknownHold() {
        String fan = TestTokens.fan();
        String unknown = UUID.randomUUID().toString();

        assertProblem(getHold(fan, unknown), 404, "not-found");
        assertProblem(api.post("/api/v1/holds/" + unknown + "/extend", fan, null), 404, "not-found");
        assertProblem(api.delete("/api/v1/holds/" + unknown, fan), 404, "not-found");
    }

    // ---------------------------------------------------------------- expiry

    @Test
    void holdIsValidOneMillisecondBeforeExpiryAndGoneExactlyAtExpiresAt() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String owner = TestTokens.fan();
        ApiClient.Response placed = fixtures.hold(owner, eventId, s.subList(0, 2));
        String holdId = placed.text("holdId");
        Instant expiresAt = Instant.parse(placed.text("expiresAt"));

        advanceTo(expiresAt.minusMillis(1));
        assertThat(getHold(owner, holdId).status()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(0), "HELD").containsEntry(s.get(1), "HELD");
        assertProblem(fixtures.hold(TestTokens.fan(), eventId, List.of(s.get(0))), 409, "seats-unavailable");

        advanceTo(expiresAt);
        assertProblem(getHold(owner, holdId), 404, "not-found");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(0), "AVAILABLE").containsEntry(s.get(1), "AVAILABLE");
        ApiClient.Response taken = fixtures.hold(TestTokens.fan(), eventId, s.subList(0, 2));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(0), "HELD").containsEntry(s.get(1), "HELD");
        // the expired hold no longer counts against its owner's limit and cannot be released any more
        assertProblem(api.delete("/api/v1/holds/" + holdId, owner), 404, "not-found");
        assertThat(fixtures.hold(owner, eventId, s.subList(2, 6)).status()).isEqualTo(201);
    }

    // ---------------------------------------------------------------- extend

    @Test
    void extendMovesExpiryToNowPlusHoldTimeButNeverBeyondTwiceTheHoldTime() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        Instant createdAt = CLOCK.instant();
        String holdId = fixtures.holdId(fan, eventId, s.subList(0, 2));
        Instant bound = createdAt.plusSeconds(2L * HOLD_SECONDS);

        CLOCK.advance(Duration.ofSeconds(30));
        ApiClient.Response first = extend(fan, holdId);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(Instant.parse(first.text("expiresAt"))).isEqualTo(CLOCK.instant().plusSeconds(HOLD_SECONDS));
        assertThat(first.text("holdId")).isEqualTo(holdId);

        CLOCK.advance(Duration.ofSeconds(40)); // past the original expiry: the extension keeps the hold alive
        assertThat(getHold(fan, holdId).status()).isEqualTo(200);
        ApiClient.Response capped = extend(fan, holdId);
        assertThat(capped.status()).as(capped.toString()).isEqualTo(200);
        assertThat(Instant.parse(capped.text("expiresAt"))).isEqualTo(bound);

        ApiClient.Response beyond = extend(fan, holdId);
        assertProblem(beyond, 409, null);
        ApiClient.Response read = getHold(fan, holdId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(Instant.parse(read.text("expiresAt"))).isEqualTo(bound);

        advanceTo(bound.minusMillis(1));
        assertThat(getHold(fan, holdId).status()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(0), "HELD");
        advanceTo(bound);
        assertProblem(getHold(fan, holdId), 404, "not-found");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(0), "AVAILABLE").containsEntry(s.get(1), "AVAILABLE");
    }

    @Test
    void cannotExtendAnExpiredHold() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        ApiClient.Response placed = fixtures.hold(fan, eventId, s.subList(0, 1));
        advanceTo(Instant.parse(placed.text("expiresAt")));

        ApiClient.Response extend = extend(fan, placed.text("holdId"));

        assertProblem(extend, 404, "not-found");
        assertProblem(getHold(fan, placed.text("holdId")), 404, "not-found");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(0), "AVAILABLE");
    }

    // ---------------------------------------------------------------- release

    @Test
    void releasingAHoldFreesItsSeatsAtOnce() {
        String eventId = event(1, 1, 10);
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, s.subList(0, 4));

        ApiClient.Response release = api.delete("/api/v1/holds/" + holdId, fan);

        assertThat(release.status()).as(release.toString()).isEqualTo(204);
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
        assertProblem(getHold(fan, holdId), 404, "not-found");
        assertProblem(api.delete("/api/v1/holds/" + holdId, fan), 404, "not-found");
        assertProblem(extend(fan, holdId), 404, "not-found");
        // someone else can take the seats at once, and the owner's limit is free again
        assertThat(fixtures.hold(TestTokens.fan(), eventId, s.subList(0, 2)).status()).isEqualTo(201);
        assertThat(fixtures.hold(fan, eventId, s.subList(2, 6)).status()).isEqualTo(201);
    }

    // ---------------------------------------------------------------- best available

    @Test
    void bestAvailableHoldsAdjacentSeatsInOneRow() {
        String eventId = event(1, 3, 10);
        String fan = TestTokens.fan();

        ApiClient.Response hold = holdRequest(fan, eventId, Map.of("best", Map.of("quantity", 3)));

        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        List<JsonNode> seats = placedSeats(eventId, hold);
        assertThat(seats).hasSize(3);
        assertAdjacentInOneRow(seats);
        assertThat(seats.getFirst().get("row").asString()).as("front row first").isEqualTo("1");
        assertMoney(hold.json().get("total"), "150.00");
        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        assertThat(countWithStatus(statuses, "HELD")).isEqualTo(3);
        seats.forEach(seat -> assertThat(statuses).containsEntry(seat.get("id").asString(), "HELD"));
        assertThat(getHold(fan, hold.text("holdId")).status()).isEqualTo(200);
    }

    @Test
    void bestAvailableKeepsToTheRequestedCategory() {
        String eventId = fixtures.event(fixtures.venue(2, 2, 10))
                .category("Standard", "50.00", "A").category("Premium", "80.00", "B")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4).create();
        String premium = categoryIds(eventId).get("Premium");

        ApiClient.Response hold = holdRequest(TestTokens.fan(), eventId, Map.of("best", Map.of("quantity", 2, "categoryId", premium)));

        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        List<JsonNode> seats = placedSeats(eventId, hold);
        assertThat(seats).hasSize(2).allSatisfy(seat -> {
            assertThat(seat.get("section").asString()).isEqualTo("B");
            assertThat(seat.get("categoryId").asString()).isEqualTo(premium);
        });
        assertAdjacentInOneRow(seats);
        hold.json().get("seats").forEach(seat -> {
            assertThat(seat.get("categoryId").asString()).isEqualTo(premium);
            assertMoney(seat.get("price"), "80.00");
        });
        assertMoney(hold.json().get("total"), "160.00");
    }

    @Test
    void bestAvailableKeepsToTheRequestedSection() {
        // one category over both sections, so only the section filter keeps the choice out of A (the front)
        String eventId = fixtures.event(fixtures.venue(2, 2, 10)).category("Standard", "50.00", "A", "B")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4).create();

        ApiClient.Response hold = holdRequest(TestTokens.fan(), eventId, Map.of("best", Map.of("quantity", 3, "section", "B")));

        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        List<JsonNode> seats = placedSeats(eventId, hold);
        assertThat(seats).hasSize(3).allSatisfy(seat -> assertThat(seat.get("section").asString()).isEqualTo("B"));
        assertAdjacentInOneRow(seats);
        assertThat(countWithStatus(fixtures.seatStatuses(eventId), "HELD")).isEqualTo(3);
    }

    @Test
    void bestAvailableRefusesWhenNoRowHasEnoughAdjacentSeats() {
        String eventId = fixtures.event(fixtures.venue(1, 2, 5)).category("Standard", "50.00", "A")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 8).create();
        String fan = TestTokens.fan();

        ApiClient.Response wider = holdRequest(fan, eventId, Map.of("best", Map.of("quantity", 6)));

        assertProblem(wider, 409, "not-enough-seats");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");

        // split both rows in the middle: 10 free seats but never 3 side by side
        List<String> s = fixtures.seatIds(eventId);
        fixtures.holdId(TestTokens.fan(), eventId, List.of(s.get(2), s.get(7))); // seat 3 of rows 1 and 2
        ApiClient.Response three = holdRequest(fan, eventId, Map.of("best", Map.of("quantity", 3)));
        assertProblem(three, 409, "not-enough-seats");
        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        assertThat(countWithStatus(statuses, "HELD")).isEqualTo(2);
        assertThat(countWithStatus(statuses, "AVAILABLE")).isEqualTo(8);
        // the refused request held nothing, so the same user still has the whole limit
        ApiClient.Response two = holdRequest(fan, eventId, Map.of("best", Map.of("quantity", 2)));
        assertThat(two.status()).as(two.toString()).isEqualTo(201);
    }

    @Test
    void bestAvailableGoesToALaterRowRatherThanStrandASingleSeat() {
        // Two rows of 4; row 1 seat 1 is taken. In row 1 the only pairs are 2-3 (strands seat 4) and 3-4 (strands
        // seat 2). Row 2 offers 1-2 or 3-4, which strand nothing. Front rows normally win, so choosing row 2 proves
        // that avoiding a stranded seat outranks the row order.
        String eventId = fixtures.event(fixtures.venue(1, 2, 4)).category("Standard", "50.00", "A")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4).create();
        String row1seat1 = seatId(eventId, "1", 1);
        fixtures.holdId(TestTokens.fan(), eventId, List.of(row1seat1));

        ApiClient.Response hold = holdRequest(TestTokens.fan(), eventId, Map.of("best", Map.of("quantity", 2)));

        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        List<JsonNode> seats = placedSeats(eventId, hold);
        assertAdjacentInOneRow(seats);
        assertThat(seats.getFirst().get("row").asString()).isEqualTo("2");
        assertThat(numbers(seats)).isIn(List.of(1, 2), List.of(3, 4));
        assertNoStrandedSeat(eventId);
    }

    @Test
    void bestAvailablePrefersAPlacementThatStrandsNoSeatOverAMoreCentralOne() {
        // One row of 12: seat 5 and seats 9-12 are taken, leaving the runs 1-4 and 6-8. For 2 seats the run 6-8
        // is nearest the centre, but both of its pairs (6-7, 7-8) strand a single seat. In 1-4 the pairs 1-2 and
        // 3-4 strand nothing (2-3 would strand both 1 and 4), so one of them must be chosen.
        String eventId = fixtures.event(fixtures.venue(1, 1, 12)).category("Standard", "50.00", "A")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4).create();
        fixtures.holdId(TestTokens.fan(), eventId, List.of(seatId(eventId, "1", 5)));
        fixtures.holdId(TestTokens.fan(), eventId,
                List.of(seatId(eventId, "1", 9), seatId(eventId, "1", 10), seatId(eventId, "1", 11), seatId(eventId, "1", 12)));

        ApiClient.Response hold = holdRequest(TestTokens.fan(), eventId, Map.of("best", Map.of("quantity", 2)));

        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        List<JsonNode> seats = placedSeats(eventId, hold);
        assertThat(numbers(seats)).isIn(List.of(1, 2), List.of(3, 4));
        assertNoStrandedSeat(eventId);
        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        for (int n = 6; n <= 8; n++) {
            assertThat(statuses).containsEntry(seatId(eventId, "1", n), "AVAILABLE");
        }
    }

    @Test
    void bestAvailableStrandsASingleSeatOnlyWhenThereIsNoOtherChoice() {
        // One row of 5 with seat 1 taken: the free run is 2-5, and both possible triples (2-4 strands 5, 3-5
        // strands 2) leave one seat alone. With no alternative the hold is still granted.
        String eventId = fixtures.event(fixtures.venue(1, 1, 5)).category("Standard", "50.00", "A")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4).create();
        fixtures.holdId(TestTokens.fan(), eventId, List.of(seatId(eventId, "1", 1)));

        ApiClient.Response hold = holdRequest(TestTokens.fan(), eventId, Map.of("best", Map.of("quantity", 3)));

        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        List<JsonNode> seats = placedSeats(eventId, hold);
        assertAdjacentInOneRow(seats);
        assertThat(numbers(seats)).isIn(List.of(2, 3, 4), List.of(3, 4, 5));
        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        assertThat(countWithStatus(statuses, "HELD")).isEqualTo(4);
        assertThat(countWithStatus(statuses, "AVAILABLE")).isEqualTo(1);
    }

    @Test
    void bestAvailableRejectsUnknownCategoryAndInvalidQuantity() {
        String eventId = event(1, 1, 10);
        String otherEvent = event(1, 1, 10);
        String foreignCategory = categoryIds(otherEvent).get("Standard");
        String fan = TestTokens.fan();

        ApiClient.Response foreign = holdRequest(fan, eventId, Map.of("best", Map.of("quantity", 1, "categoryId", foreignCategory)));
        ApiClient.Response garbage = holdRequest(fan, eventId, Map.of("best", Map.of("quantity", 1, "categoryId", "vip")));
        ApiClient.Response zero = holdRequest(fan, eventId, Map.of("best", Map.of("quantity", 0)));
        ApiClient.Response negative = holdRequest(fan, eventId, Map.of("best", Map.of("quantity", -2)));
        ApiClient.Response missing = holdRequest(fan, eventId, Map.of("best", Map.of()));
        ApiClient.Response section = holdRequest(fan, eventId, Map.of("best", Map.of("quantity", 1, "section", "Z")));

        assertProblem(foreign, 400, null);
        assertProblem(garbage, 400, null);
        assertProblem(zero, 400, null);
        assertProblem(negative, 400, null);
        assertProblem(missing, 400, null);
        assertProblem(section, 400, null);
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    // ---------------------------------------------------------------- helpers



    private String event(int sections, int rows, int seatsPerRow) {
        String[] names = IntStream.range(0, sections).mapToObj(i -> String.valueOf((char) ('A' + i))).toArray(String[]::new);
        return fixtures.event(fixtures.venue(sections, rows, seatsPerRow)).category("Standard", "50.00", names)
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4).create();
    }

    private ApiClient.Response holdRequest(String token, String eventId, Map<String, Object> body) {
        return api.post("/api/v1/events/" + eventId + "/holds", token, body);
    }

    private ApiClient.Response getHold(String token, String holdId) {
        return api.get("/api/v1/holds/" + holdId, token);
    }

    private ApiClient.Response extend(String token, String holdId) {
        return api.post("/api/v1/holds/" + holdId + "/extend", token, null);
    }

    private static void advanceTo(Instant instant) {
        Duration step = Duration.between(CLOCK.instant(), instant);
        assertThat(step.isNegative()).as("the test clock only moves forward").isFalse();
        CLOCK.advance(step);
    }

    private Map<String, String> categoryIds(String eventId) {
        ApiClient.Response event = api.get("/api/v1/events/" + eventId, null);
        assertThat(event.status()).isEqualTo(200);
        Map<String, String> ids = new HashMap<>();
        event.json().get("categories").forEach(c -> ids.put(c.get("name").asString(), c.get("id").asString()));
        return ids;
    }

    /** The seat map of the event by seat id, in venue order. */
    private Map<String, JsonNode> seatMap(String eventId) {
        ApiClient.Response response = api.get("/api/v1/events/" + eventId + "/seats", null);
        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> seats = new LinkedHashMap<>();
        response.json().get("seats").forEach(seat -> seats.put(seat.get("id").asString(), seat));
        return seats;
    }

    private String seatId(String eventId, String row, int number) {
        return seatMap(eventId).values().stream()
                .filter(seat -> seat.get("row").asString().equals(row) && seat.get("number").asInt() == number)
                .map(seat -> seat.get("id").asString()).findFirst().orElseThrow();
    }

    /** The seat-map entries of the seats a hold response names, ordered by row and number. */
    private List<JsonNode> placedSeats(String eventId, ApiClient.Response hold) {
        Map<String, JsonNode> plan = seatMap(eventId);
        List<JsonNode> seats = new ArrayList<>();
        hold.json().get("seats").forEach(seat -> seats.add(plan.get(seat.get("id").asString())));
        seats.sort((a, b) -> a.get("section").asString().equals(b.get("section").asString())
                ? (a.get("row").asString().equals(b.get("row").asString())
                        ? Integer.compare(a.get("number").asInt(), b.get("number").asInt())
                        : a.get("row").asString().compareTo(b.get("row").asString()))
                : a.get("section").asString().compareTo(b.get("section").asString()));
        return seats;
    }

    private static List<Integer> numbers(List<JsonNode> seats) {
        return seats.stream().map(seat -> seat.get("number").asInt()).toList();
    }

    private static void assertAdjacentInOneRow(List<JsonNode> seats) {
        assertThat(seats).isNotEmpty();
        JsonNode first = seats.getFirst();
        for (int i = 0; i < seats.size(); i++) {
            JsonNode seat = seats.get(i);
            assertThat(seat.get("section").asString()).isEqualTo(first.get("section").asString());
            assertThat(seat.get("row").asString()).isEqualTo(first.get("row").asString());
            assertThat(seat.get("number").asInt()).isEqualTo(first.get("number").asInt() + i);
        }
    }

    /** No row of the event has a single available seat squeezed between unavailable seats or a row end. */
    private void assertNoStrandedSeat(String eventId) {
        Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
        seatMap(eventId).values().forEach(seat ->
                rows.computeIfAbsent(seat.get("section").asString() + "/" + seat.get("row").asString(), k -> new ArrayList<>()).add(seat));
        rows.forEach((row, seats) -> {
            int run = 0;
            List<Integer> runs = new ArrayList<>();
            for (JsonNode seat : seats) {
                if (seat.get("status").asString().equals("AVAILABLE")) {
                    run++;
                } else {
                    runs.add(run);
                    run = 0;
                }
            }
            runs.add(run);
            assertThat(runs).as("free runs in row " + row).doesNotContain(1);
        });
    }

    private static long countWithStatus(Map<String, String> statuses, String status) {
        return statuses.values().stream().filter(status::equals).count();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }


}
