package org.boxoffice.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.boxoffice.support.ApiAssertions.assertMoney;
import static org.boxoffice.support.ApiAssertions.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.Concurrently;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestPayments;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Checkout, reading and cancelling orders over HTTP: idempotency keys (also under concurrency), payment
 * outcomes, expired and foreign holds, refunds, and that every refused request changes nothing.
 */
class CheckoutTests extends IntegrationTest {
    @Autowired
    MeterRegistry meters;

    private static final int HOLD_SECONDS = 60;

    @Test
    void buysHeldSeatsAndMarksThemSold() {
        String eventId = fixtures.event(fixtures.venue(1, 2, 10)).create();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats);

        ApiClient.Response order = fixtures.checkout(fan, holdId, "tok_visa", "key-1");

        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(order.text("status")).isEqualTo("CONFIRMED");
        assertThat(order.json().get("tickets")).hasSize(2);
        assertThat(order.json().get("total").get("amount").asString()).isEqualTo("100.00");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }

    // ---------------------------------------------------------------- checkout and reading orders

    @Test
    void checkoutConfirmsAnOrderWithOneTicketPerHeldSeat() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        ApiClient.Response hold = fixtures.hold(fan, eventId, seats);
        String holdId = hold.text("holdId");

        ApiClient.Response order = fixtures.checkout(fan, holdId, "tok_visa", key());

        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(order.contentType()).contains("application/json");
        String orderId = order.text("orderId");
        assertThat(orderId).isNotBlank();
        assertThat(order.text("status")).isEqualTo("CONFIRMED");
        assertThat(order.text("eventId")).isEqualTo(eventId);
        assertMoney(order.json().get("total"), "100.00");
        JsonNode tickets = order.json().get("tickets");
        assertThat(tickets).hasSize(2);
        Set<String> ticketIds = new HashSet<>();
        List<String> ticketSeats = new ArrayList<>();
        for (JsonNode ticket : tickets) {
            ticketIds.add(ticket.get("ticketId").asString());
            String seatId = ticket.get("seatId").asString();
            ticketSeats.add(seatId);
            assertThat(ticket.get("label").asString()).isEqualTo(labelOf(hold, seatId));
        }
        assertThat(ticketIds).hasSize(2).doesNotContain("");
        assertThat(ticketSeats).containsExactlyInAnyOrderElementsOf(seats);

        ApiClient.Response read = api.get("/api/v1/orders/" + orderId, fan);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.text("orderId")).isEqualTo(orderId);
        assertThat(read.text("status")).isEqualTo("CONFIRMED");
        assertThat(read.text("eventId")).isEqualTo(eventId);
        assertThat(read.json().get("tickets")).isEqualTo(tickets);
        assertThat(read.json().get("total")).isEqualTo(order.json().get("total"));
        assertThat(read.text("createdAt")).isNotBlank();
        assertThat(read.json()).as("the checkout answers with the order as stored, not read back").isEqualTo(order.json());

        List<JsonNode> mine = orders(fan);
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst().get("orderId").asString()).isEqualTo(orderId);
        assertThat(mine.getFirst().get("status").asString()).isEqualTo("CONFIRMED");

        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
        assertThat(api.get("/api/v1/holds/" + holdId, fan).status()).as("a consumed hold is gone").isEqualTo(404);
    }

    @Test
    void checkoutOneMillisecondBeforeExpirySucceeds() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 1);
        String fan = TestTokens.fan();
        ApiClient.Response hold = fixtures.hold(fan, eventId, seats);
        advanceTo(Instant.parse(hold.text("expiresAt")).minusMillis(1));

        ApiClient.Response order = fixtures.checkout(fan, hold.text("holdId"), "tok_visa", key());

        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.getFirst(), "SOLD");
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void repeatingACheckoutWithTheSameKeyAndBodyReplaysTheFirstResponse() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats);
        String key = key();

        ApiClient.Response first = fixtures.checkout(fan, holdId, "tok_visa", key);
        ApiClient.Response again = fixtures.checkout(fan, holdId, "tok_visa", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(orders(fan)).hasSize(1);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }

    @Test
    void refusesTheSameKeyWithADifferentBody() {
        String eventId = event();
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        String bought = fixtures.holdId(fan, eventId, List.of(s.get(0)));
        String other = fixtures.holdId(fan, eventId, List.of(s.get(1)));
        String key = key();
        ApiClient.Response first = fixtures.checkout(fan, bought, "tok_visa", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        ApiClient.Response otherHold = fixtures.checkout(fan, other, "tok_visa", key);
        ApiClient.Response otherToken = fixtures.checkout(fan, bought, "tok_slow", key);

        assertProblem(otherHold, 422, "idempotency-key-reused");
        assertProblem(otherToken, 422, "idempotency-key-reused");
        assertThat(orders(fan)).hasSize(1);
        assertThat(api.get("/api/v1/holds/" + other, fan).status()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(0), "SOLD").containsEntry(s.get(1), "HELD");
        // the first response is still what the key replays
        assertThat(fixtures.checkout(fan, bought, "tok_visa", key).raw().body()).isEqualTo(first.raw().body());
    }

    @Test
    void requiresAnIdempotencyKeyOfAtMost255Characters() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 1);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats);

        ApiClient.Response missing = api.post("/api/v1/orders", fan, checkoutBody(holdId, "tok_visa"));
        ApiClient.Response tooLong = fixtures.checkout(fan, holdId, "tok_visa", "k".repeat(256));

        assertProblem(missing, 400, null);
        assertProblem(tooLong, 400, null);
        assertThat(orders(fan)).isEmpty();
        assertThat(api.get("/api/v1/holds/" + holdId, fan).status()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.getFirst(), "HELD");

        ApiClient.Response longest = fixtures.checkout(fan, holdId, "tok_visa", "k".repeat(255));
        assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
    }

    @Test
    void concurrentRequestsWithOneKeyChargeOnceAndAllGetTheSameOrder() throws Exception {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats);
        String key = key();

        // the first request's charge is held at the gateway while three more with its key are inside the service
        List<ApiClient.Response> responses = new ArrayList<>();
        TestPayments.Gate gate = TestPayments.gate();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ApiClient.Response> charging = pool.submit(() -> fixtures.checkout(fan, holdId, "tok_gated", key));
            assertThat(gate.awaitCall()).as("the first charge is in flight").isTrue();
            List<Future<ApiClient.Response>> repeats = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                repeats.add(pool.submit(() -> fixtures.checkout(fan, holdId, "tok_gated", key)));
            }
            awaitInsideTheService(repeats, 4);
            gate.open();
            responses.add(charging.get(30, TimeUnit.SECONDS));
            for (Future<ApiClient.Response> repeat : repeats) {
                responses.add(repeat.get(30, TimeUnit.SECONDS));
            }
        }

        ApiClient.Response first = responses.getFirst();
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.raw().body()).isEqualTo(first.raw().body());
        });
        List<JsonNode> mine = orders(fan);
        assertThat(mine).as("one charge, one order").hasSize(1);
        assertThat(mine.getFirst().get("orderId").asString()).isEqualTo(first.text("orderId"));
        assertThat(TestPayments.calls(PAYMENT_CALLS, "charge", first.text("orderId"))).as("charge calls to the gateway").isEqualTo(1);
        assertThat(mine.getFirst().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }

    @Test
    void concurrentCheckoutsOfOneHoldWithDifferentKeysSellItOnce() throws Exception {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats);

        // the first checkout's charge is held at the gateway while three others race for the same hold
        TestPayments.Gate gate = TestPayments.gate();
        ApiClient.Response first;
        List<ApiClient.Response> others;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ApiClient.Response> charging = pool.submit(() -> fixtures.checkout(fan, holdId, "tok_gated", key()));
            assertThat(gate.awaitCall()).as("the first charge is in flight").isTrue();
            others = Concurrently.run(3, i -> fixtures.checkout(fan, holdId, "tok_visa", key()));
            gate.open();
            first = charging.get(30, TimeUnit.SECONDS);
        }

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(others).allSatisfy(r -> assertProblem(r, 409, "checkout-in-progress"));
        assertThat(TestPayments.calls(PAYMENT_CALLS, "charge", first.text("orderId"))).as("charge calls").isEqualTo(1);
        List<JsonNode> confirmed = orders(fan).stream().filter(o -> o.get("status").asString().equals("CONFIRMED")).toList();
        assertThat(confirmed).hasSize(1);
        assertThat(confirmed.getFirst().get("tickets")).hasSize(2);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }

    /** Waits until this many requests are inside the service (the overload guard counts them), none of them answered. */
    private void awaitInsideTheService(List<Future<ApiClient.Response>> waiting, int requests) {
        Awaitility.await(requests + " requests in flight").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            for (Future<ApiClient.Response> request : waiting) {
                if (request.isDone()) {
                    throw new AssertionError("answered while the first request is unfinished: " + request.get());
                }
            }
            return meters.get("boxoffice.http.in.flight").gauge().value() >= requests;
        });
    }

    @Test
    void idempotencyKeysBelongToTheirUser() {
        String eventId = event();
        List<String> s = fixtures.seatIds(eventId);
        String first = TestTokens.fan();
        String second = TestTokens.fan();
        String key = key();
        ApiClient.Response firstOrder = fixtures.checkout(first, fixtures.holdId(first, eventId, List.of(s.get(0))), "tok_visa", key);

        ApiClient.Response secondOrder = fixtures.checkout(second, fixtures.holdId(second, eventId, List.of(s.get(1))), "tok_visa", key);

        assertThat(firstOrder.status()).as(firstOrder.toString()).isEqualTo(201);
        assertThat(secondOrder.status()).as(secondOrder.toString()).isEqualTo(201);
        assertThat(secondOrder.text("orderId")).isNotEqualTo(firstOrder.text("orderId"));
        assertThat(orders(first)).hasSize(1);
        assertThat(orders(second)).hasSize(1);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(s.get(0), "SOLD").containsEntry(s.get(1), "SOLD");
    }

    // ---------------------------------------------------------------- payment outcomes

    @Test
    void declinedPaymentKeepsTheHoldSoTheBuyerCanRetry() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        ApiClient.Response hold = fixtures.hold(fan, eventId, seats);
        String holdId = hold.text("holdId");
        String declinedKey = key();

        ApiClient.Response declined = fixtures.checkout(fan, holdId, "tok_declined", declinedKey);

        assertProblem(declined, 402, "payment-declined");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "HELD").containsEntry(seats.get(1), "HELD");
        ApiClient.Response stillHeld = api.get("/api/v1/holds/" + holdId, fan);
        assertThat(stillHeld.status()).isEqualTo(200);
        assertThat(stillHeld.text("expiresAt")).isEqualTo(hold.text("expiresAt"));
        assertThat(orders(fan)).noneMatch(o -> o.get("status").asString().equals("CONFIRMED"));
        // the key remembers the decline
        ApiClient.Response replay = fixtures.checkout(fan, holdId, "tok_declined", declinedKey);
        assertThat(replay.status()).isEqualTo(402);
        assertThat(replay.raw().body()).isEqualTo(declined.raw().body());

        ApiClient.Response retry = fixtures.checkout(fan, holdId, "tok_visa", key());

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.text("status")).isEqualTo("CONFIRMED");
        List<JsonNode> confirmed = orders(fan).stream().filter(o -> o.get("status").asString().equals("CONFIRMED")).toList();
        assertThat(confirmed).hasSize(1);
        assertThat(orders(fan)).allSatisfy(o -> assertThat(o.get("status").asString()).isIn("CONFIRMED", "FAILED"));
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }

    @Test
    void failedOrderOfADeclinedPaymentCannotBeCancelled() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 1);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats);
        ApiClient.Response declined = fixtures.checkout(fan, holdId, "tok_declined", key());
        assertProblem(declined, 402, "payment-declined");
        List<JsonNode> mine = orders(fan);
        // a failed attempt is kept as a FAILED order (the contract allows it), and it must not be cancellable
        assertThat(mine).hasSize(1);
        String failedOrder = mine.getFirst().get("orderId").asString();
        assertThat(mine.getFirst().get("status").asString()).isEqualTo("FAILED");

        ApiClient.Response cancel = api.post("/api/v1/orders/" + failedOrder + "/cancel", fan, null);

        assertProblem(cancel, 409, "not-cancellable");
        assertThat(api.get("/api/v1/orders/" + failedOrder, fan).text("status")).isEqualTo("FAILED");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.getFirst(), "HELD");
    }

    @Test
    void gatewayErrorChargesNothingAndKeepsTheHold() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats);

        ApiClient.Response error = fixtures.checkout(fan, holdId, "tok_error", key());

        assertProblem(error, 502, "payment-gateway-error");
        assertThat(orders(fan)).allSatisfy(o -> {
            assertThat(o.get("status").asString()).isEqualTo("FAILED");
            assertThat(o.get("refund") == null || o.get("refund").isNull()).as("nothing charged, nothing refunded").isTrue();
        });
        assertThat(api.get("/api/v1/holds/" + holdId, fan).status()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "HELD").containsEntry(seats.get(1), "HELD");

        ApiClient.Response retry = fixtures.checkout(fan, holdId, "tok_visa", key());
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }

    @Test
    void chargeThatCompletesAfterTheHoldExpiredIsRefunded() throws Exception {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        ApiClient.Response hold = fixtures.hold(fan, eventId, seats);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            TestPayments.Gate gate = TestPayments.gate();
            Future<ApiClient.Response> checkout = pool.submit(() -> fixtures.checkout(fan, hold.text("holdId"), "tok_gated", key()));
            assertThat(gate.awaitCall()).as("the charge is in flight").isTrue();
            advanceTo(Instant.parse(hold.text("expiresAt")));
            gate.open();

            ApiClient.Response order = checkout.get(30, TimeUnit.SECONDS);

            assertProblem(order, 410, "hold-expired");
        } finally {
            pool.shutdownNow();
        }
        List<JsonNode> mine = orders(fan);
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst().get("status").asString()).isEqualTo("FAILED");
        JsonNode refund = mine.getFirst().get("refund");
        assertThat(refund.get("status").asString()).isEqualTo("REFUNDED");
        assertThat(refund.get("amount")).isEqualTo(hold.json().get("total"));
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "AVAILABLE").containsEntry(seats.get(1), "AVAILABLE");
    }

    @Test
    void releasingAHoldDuringCheckoutNeverLeavesAChargeWithoutSeats() throws Exception {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        ApiClient.Response hold = fixtures.hold(fan, eventId, seats);
        String holdId = hold.text("holdId");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        ApiClient.Response order;
        ApiClient.Response release;
        try {
            TestPayments.Gate gate = TestPayments.gate();
            Future<ApiClient.Response> checkout = pool.submit(() -> fixtures.checkout(fan, holdId, "tok_gated", key()));
            assertThat(gate.awaitCall()).as("the charge is in flight").isTrue();
            release = api.delete("/api/v1/holds/" + holdId, fan);
            gate.open();
            order = checkout.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // Either the release is refused and the order goes through, or the release wins and the charge is refunded.
        List<JsonNode> mine = orders(fan);
        assertThat(mine).hasSize(1);
        Map<String, String> statuses = fixtures.seatStatuses(eventId);
        if (order.status() == 201) {
            assertThat(release.status()).as(release.toString()).isGreaterThanOrEqualTo(400);
            assertThat(mine.getFirst().get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(statuses).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
        } else {
            assertThat(release.status()).as(release.toString()).isEqualTo(204);
            assertProblem(order, 410, "hold-expired");
            assertThat(mine.getFirst().get("status").asString()).isEqualTo("FAILED");
            assertThat(mine.getFirst().get("refund").get("status").asString()).isEqualTo("REFUNDED");
            assertThat(mine.getFirst().get("refund").get("amount")).isEqualTo(hold.json().get("total"));
            assertThat(statuses).containsEntry(seats.get(0), "AVAILABLE").containsEntry(seats.get(1), "AVAILABLE");
        }
    }

    @Test
    void checkoutOfAnExtendedHoldSucceedsAfterItsOriginalExpiry() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        ApiClient.Response hold = fixtures.hold(fan, eventId, seats);
        String holdId = hold.text("holdId");
        CLOCK.advance(Duration.ofSeconds(30));
        ApiClient.Response extended = api.post("/api/v1/holds/" + holdId + "/extend", fan, null);
        assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
        advanceTo(Instant.parse(hold.text("expiresAt")).plusSeconds(15));

        ApiClient.Response order = fixtures.checkout(fan, holdId, "tok_visa", key());

        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }

    @Test
    void refusesCheckoutOnceTheEventHasStarted() {
        Instant startsAt = CLOCK.instant().plus(Duration.ofSeconds(30));
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).category("Standard", "50.00", "A")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4).startsAt(startsAt).create();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats); // lives 60 s, longer than the sale window
        advanceTo(startsAt);

        ApiClient.Response order = fixtures.checkout(fan, holdId, "tok_visa", key());

        // sales end when the event starts (holds are refused then with 409 not-on-sale); a ticket bought afterwards
        // could not even be cancelled
        assertThat(order.status()).as(order.toString()).isIn(409, 410);
        assertThat(order.contentType()).contains("application/problem+json");
        assertThat(orders(fan)).noneMatch(o -> o.get("status").asString().equals("CONFIRMED"));
        assertThat(fixtures.seatStatuses(eventId)).doesNotContainValue("SOLD");
    }

    // ---------------------------------------------------------------- holds that cannot be bought

    @Test
    void refusesCheckoutOfAnExpiredHold() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        ApiClient.Response hold = fixtures.hold(fan, eventId, seats);
        advanceTo(Instant.parse(hold.text("expiresAt")));

        ApiClient.Response order = fixtures.checkout(fan, hold.text("holdId"), "tok_visa", key());

        assertProblem(order, 410, "hold-expired");
        assertThat(orders(fan)).noneMatch(o -> o.get("status").asString().equals("CONFIRMED"));
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "AVAILABLE").containsEntry(seats.get(1), "AVAILABLE");
    }

    @Test
    void refusesCheckoutOfAnUnknownHold() {
        String fan = TestTokens.fan();

        ApiClient.Response order = fixtures.checkout(fan, UUID.randomUUID().toString(), "tok_visa", key());

        assertProblem(order, 404, "not-found");
        assertThat(orders(fan)).isEmpty();
    }

    @Test
    void refusesCheckoutOfAnotherUsersHoldAndLeavesItHeld() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String owner = TestTokens.fan();
        String thief = TestTokens.fan();
        String holdId = fixtures.holdId(owner, eventId, seats);

        ApiClient.Response stolen = fixtures.checkout(thief, holdId, "tok_visa", key());

        assertProblem(stolen, 404, "not-found");
        assertThat(orders(thief)).isEmpty();
        assertThat(api.get("/api/v1/holds/" + holdId, owner).status()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "HELD").containsEntry(seats.get(1), "HELD");
        assertThat(fixtures.checkout(owner, holdId, "tok_visa", key()).status()).isEqualTo(201);
    }

    @Test
    void refusesASecondCheckoutOfABoughtHold() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats);
        assertThat(fixtures.checkout(fan, holdId, "tok_visa", key()).status()).isEqualTo(201);

        ApiClient.Response second = fixtures.checkout(fan, holdId, "tok_visa", key());

        // The hold was consumed by the first order. The service answers 410 hold-expired today (the stored hold is
        // the caller's but no longer live); 404 would be as acceptable. Either way nothing is charged again.
        assertThat(second.status()).as(second.toString()).isIn(404, 410);
        assertThat(second.contentType()).contains("application/problem+json");
        assertThat(orders(fan)).hasSize(1);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }

    // ---------------------------------------------------------------- cancelling

    @Test
    void cancellingRefundsTheTotalAndReturnsTheSeatsAtOnce() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        JsonNode order = fixtures.buy(fan, eventId, seats);
        String orderId = order.get("orderId").asString();

        ApiClient.Response cancel = cancel(fan, orderId);

        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        assertThat(cancel.text("orderId")).isEqualTo(orderId);
        assertThat(cancel.text("status")).isEqualTo("CANCELLED");
        JsonNode refund = cancel.json().get("refund");
        assertThat(refund.get("amount")).isEqualTo(order.get("total"));
        assertThat(refund.get("status").asString()).isEqualTo("REFUNDED");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "AVAILABLE").containsEntry(seats.get(1), "AVAILABLE");
        ApiClient.Response read = api.get("/api/v1/orders/" + orderId, fan);
        assertThat(read.text("status")).isEqualTo("CANCELLED");
        assertThat(read.json().get("refund")).isEqualTo(refund);

        // someone else can hold and buy the returned seats straight away
        String other = TestTokens.fan();
        JsonNode resold = fixtures.buy(other, eventId, seats);
        assertThat(resold.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");

        // cancelling again answers the same and refunds nothing more; the new buyer's seats stay sold
        ApiClient.Response again = cancel(fan, orderId);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(TestPayments.calls(PAYMENT_CALLS, "refund", orderId)).as("refund calls to the gateway").isEqualTo(1);
        assertThat(TestPayments.calls(PAYMENT_CALLS, "charge", orderId)).as("charge calls to the gateway").isEqualTo(1);
        assertThat(again.json()).isEqualTo(cancel.json());
        assertThat(again.json().get("refund").get("amount")).isEqualTo(order.get("total"));
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
        assertThat(api.get("/api/v1/orders/" + resold.get("orderId").asString(), other).text("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void cancellingFreesTheBuyersPerEventLimit() {
        String eventId = event();
        List<String> s = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        JsonNode order = fixtures.buy(fan, eventId, s.subList(0, 4));
        assertThat(fixtures.hold(fan, eventId, List.of(s.get(4))).status()).isEqualTo(422);

        assertThat(cancel(fan, order.get("orderId").asString()).status()).isEqualTo(200);

        ApiClient.Response hold = fixtures.hold(fan, eventId, s.subList(4, 8));
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
    }

    @Test
    void hidesOrdersFromOtherUsersAndLetsThemNotCancel() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String owner = TestTokens.fan();
        String intruder = TestTokens.fan();
        String orderId = fixtures.buy(owner, eventId, seats).get("orderId").asString();

        ApiClient.Response read = api.get("/api/v1/orders/" + orderId, intruder);
        ApiClient.Response cancel = cancel(intruder, orderId);

        assertProblem(read, 404, "not-found");
        assertProblem(cancel, 404, "not-found");
        assertThat(orders(intruder)).isEmpty();
        ApiClient.Response intact = api.get("/api/v1/orders/" + orderId, owner);
        assertThat(intact.text("status")).isEqualTo("CONFIRMED");
        assertThat(intact.json().get("refund") == null || intact.json().get("refund").isNull()).isTrue();
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }

    @Test
    void refusesToCancelOnceTheEventHasStarted() {
        Instant startsAt = CLOCK.instant().plus(Duration.ofMinutes(2));
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).category("Standard", "50.00", "A")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4).startsAt(startsAt).create();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        String orderId = fixtures.buy(fan, eventId, seats).get("orderId").asString();
        advanceTo(startsAt);

        ApiClient.Response cancel = cancel(fan, orderId);

        assertProblem(cancel, 409, "not-cancellable");
        ApiClient.Response read = api.get("/api/v1/orders/" + orderId, fan);
        assertThat(read.text("status")).isEqualTo("CONFIRMED");
        assertThat(read.json().get("refund") == null || read.json().get("refund").isNull()).isTrue();
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }

    // ---------------------------------------------------------------- invalid requests

    @Test
    void rejectsInvalidCheckoutBodiesWithoutCreatingAnOrder() {
        String eventId = event();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 1);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats);
        String key = key();
        Map<String, String> withKey = Map.of("Idempotency-Key", key);

        ApiClient.Response noHold = api.post("/api/v1/orders", fan,
                Map.of("payment", Map.of("method", "card", "token", "tok_visa")), withKey);
        ApiClient.Response notCard = api.post("/api/v1/orders", fan,
                Map.of("holdId", holdId, "payment", Map.of("method", "paypal", "token", "tok_visa")), withKey);
        ApiClient.Response noToken = api.post("/api/v1/orders", fan,
                Map.of("holdId", holdId, "payment", Map.of("method", "card")), withKey);
        ApiClient.Response noPayment = api.post("/api/v1/orders", fan, Map.of("holdId", holdId), withKey);
        ApiClient.Response malformed = api.send("POST", "/api/v1/orders", fan, "{\"holdId\": \"" + holdId + "\", \"payment\": {", withKey);

        for (ApiClient.Response response : List.of(noHold, notCard, noToken, noPayment, malformed)) {
            assertProblem(response, 400, null);
        }
        assertThat(orders(fan)).isEmpty();
        assertThat(api.get("/api/v1/holds/" + holdId, fan).status()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.getFirst(), "HELD");
        // refused requests did not use up the key
        ApiClient.Response valid = fixtures.checkout(fan, holdId, "tok_visa", key);
        assertThat(valid.status()).as(valid.toString()).isEqualTo(201);
    }

    // ---------------------------------------------------------------- helpers

    private String event() {
        return fixtures.event(fixtures.venue(1, 2, 10)).category("Standard", "50.00", "A")
                .set("holdSeconds", HOLD_SECONDS).set("maxSeatsPerOrder", 4).create();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void listsTheBuyersOrdersAPageAtATimeNewestFirst() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 5)).create();
        List<String> seats = fixtures.seatIds(eventId);
        String buyer = TestTokens.fan();
        List<String> bought = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bought.add(fixtures.buy(buyer, eventId, seats.subList(i, i + 1)).get("orderId").asString());
            CLOCK.advance(java.time.Duration.ofSeconds(1));
        }

        ApiClient.Response first = api.get("/api/v1/orders?size=2", buyer);
        ApiClient.Response second = api.get("/api/v1/orders?page=1&size=2", buyer);

        assertThat(first.json().get("total").asLong()).isEqualTo(3);
        assertThat(first.json().get("items")).hasSize(2);
        assertThat(first.json().get("items").get(0).get("orderId").asString()).isEqualTo(bought.get(2));
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("items").get(0).get("orderId").asString()).isEqualTo(bought.get(0));
        assertThat(api.get("/api/v1/orders?size=1000", buyer).status()).isEqualTo(400);
    }

    private static Map<String, Object> checkoutBody(String holdId, String token) {
        return Map.of("holdId", holdId, "payment", Map.of("method", "card", "token", token));
    }

    private ApiClient.Response cancel(String token, String orderId) {
        return api.post("/api/v1/orders/" + orderId + "/cancel", token, null);
    }

    private List<JsonNode> orders(String token) {
        ApiClient.Response response = api.get("/api/v1/orders", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    /** Polls the caller's orders (no sleeping) until one has the status; the slow charge leaves ample time. */
    private void awaitOrderWithStatus(String token, String status) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (orders(token).stream().noneMatch(o -> o.get("status").asString().equals(status))) {
            assertThat(System.nanoTime()).as("an order in status " + status).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static String labelOf(ApiClient.Response hold, String seatId) {
        for (JsonNode seat : hold.json().get("seats")) {
            if (seat.get("id").asString().equals(seatId)) {
                return seat.get("label").asString();
            }
        }
        throw new AssertionError("seat " + seatId + " is not in the hold");
    }


    private static void advanceTo(Instant instant) {
        Duration step = Duration.between(CLOCK.instant(), instant);
        assertThat(step.isNegative()).as("the test clock only moves forward").isFalse();
        CLOCK.advance(step);
    }


}
