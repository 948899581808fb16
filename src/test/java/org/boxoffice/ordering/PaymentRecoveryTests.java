package org.boxoffice.ordering;

import java.util.concurrent.Executors;
import org.boxoffice.support.TestPayments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.boxoffice.support.ApiClient;
import org.boxoffice.inventory.CheckoutHold;
import org.boxoffice.inventory.Hold;
import org.boxoffice.inventory.SellingSeats;
import org.boxoffice.ordering.internal.JdbcOrders;
import org.boxoffice.ordering.internal.SettlingPendingPayments;
import org.boxoffice.payment.ChargeResult;
import org.boxoffice.payment.PaymentGateway;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A checkout that died between charge and confirmation is settled by the recovery job. */
class PaymentRecoveryTests extends IntegrationTest {
    @Autowired
    SellingSeats inventory;
    @Autowired
    JdbcOrders orders;
    @Autowired
    PaymentGateway payments;
    @Autowired
    SettlingPendingPayments recovery;
    @Autowired
    JdbcClient jdbc;

    private String crashedCheckout(String userId, String holdId, boolean charged) {
        Hold hold = ((CheckoutHold.Live) inventory.checkoutHold(userId, holdId)).hold();
        String orderId = UUID.randomUUID().toString();
        orders.insertPending(orderId, hold, null, CLOCK.instant());
        if (charged) {
            assertThat(payments.charge(orderId, hold.total(), "tok_visa")).isInstanceOf(ChargeResult.Captured.class);
        }
        return orderId;
    }

    private String status(String orderId) {
        return jdbc.sql("SELECT status FROM orders WHERE id = :id").param("id", orderId).query(String.class).single();
    }

    private long ledger(String orderId, String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_ledger WHERE order_id = :id AND kind = :kind")
                .param("id", orderId).param("kind", kind).query(Long.class).single();
    }

    @Test
    void confirmsAChargedOrderWhoseHoldIsStillValid() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String user = TestTokens.newUserId();
        String orderId = crashedCheckout(user, fixtures.holdId(TestTokens.token(user, List.of("FAN")), eventId, seats), true);
        CLOCK.advance(Duration.ofMinutes(3));

        recovery.settle();

        assertThat(status(orderId)).isEqualTo("CONFIRMED");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
        assertThat(ledger(orderId, "REFUND")).isZero();
    }

    @Test
    void refundsAChargedOrderWhoseSeatsWereLost() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).set("holdSeconds", 60).create();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String user = TestTokens.newUserId();
        String orderId = crashedCheckout(user, fixtures.holdId(TestTokens.token(user, List.of("FAN")), eventId, seats), true);
        CLOCK.advance(Duration.ofMinutes(3));
        fixtures.holdId(TestTokens.fan(), eventId, seats);

        recovery.settle();

        assertThat(status(orderId)).isEqualTo("FAILED");
        assertThat(ledger(orderId, "CHARGE")).isEqualTo(1);
        assertThat(ledger(orderId, "REFUND")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT refund_status FROM orders WHERE id = :id").param("id", orderId).query(String.class).single())
                .isEqualTo("REFUNDED");
        recovery.settle(); // a second run finds nothing left to do
        assertThat(TestPayments.calls(PAYMENT_CALLS, "refund", orderId)).as("refund calls to the gateway").isEqualTo(1);
    }

    @Test
    void failsAnOrderThatWasNeverChargedAndKeepsTheHoldUsable() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 1);
        String user = TestTokens.newUserId();
        String token = TestTokens.token(user, List.of("FAN"));
        String holdId = fixtures.holdId(token, eventId, seats);
        String orderId = crashedCheckout(user, holdId, false);
        CLOCK.advance(Duration.ofMinutes(3));

        recovery.settle();

        assertThat(status(orderId)).isEqualTo("FAILED");
        assertThat(ledger(orderId, "CHARGE")).isZero();
        assertThat(fixtures.checkout(token, holdId, "tok_visa", "retry").status()).isEqualTo(201);
    }

    @Test
    void leavesRecentPendingOrdersAlone() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        String user = TestTokens.newUserId();
        String orderId = crashedCheckout(user,
                fixtures.holdId(TestTokens.token(user, List.of("FAN")), eventId, fixtures.seatIds(eventId).subList(0, 1)), true);

        recovery.settle();

        assertThat(status(orderId)).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void refundsAChargeThatLandsAfterRecoveryGaveUpOnTheOrder() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        String user = TestTokens.newUserId();
        String token = TestTokens.token(user, List.of("FAN"));
        String holdId = fixtures.holdId(token, eventId, fixtures.seatIds(eventId).subList(0, 1));
        TestPayments.Gate gate = TestPayments.gate();
        CompletableFuture<ApiClient.Response> checkout = CompletableFuture.supplyAsync(
                () -> fixtures.checkout(token, holdId, "tok_gated", UUID.randomUUID().toString()), Executors.newVirtualThreadPerTaskExecutor());
        assertThat(gate.awaitCall()).as("the charge is in flight").isTrue();
        String orderId = awaitOrderOfHold(holdId);
        CLOCK.advance(Duration.ofMinutes(3));
        recovery.settle(); // finds no capture yet: fails the order as never charged
        assertThat(status(orderId)).isEqualTo("FAILED");
        gate.open(); // now the charge lands

        ApiClient.Response response = checkout.get(10, TimeUnit.SECONDS);

        assertThat(response.status()).as(response.toString()).isEqualTo(410);
        assertThat(status(orderId)).isEqualTo("FAILED");
        assertThat(ledger(orderId, "CHARGE")).isEqualTo(1);
        assertThat(ledger(orderId, "REFUND")).isEqualTo(1);
        recovery.settle();
        assertThat(TestPayments.calls(PAYMENT_CALLS, "refund", orderId)).as("refund calls to the gateway").isEqualTo(1);
    }

    @Test
    void asksTheGatewayOnceForARefundThatAnotherCallerIsAlreadyAsking() throws Exception {
        // a buyer's cancel waits on the gateway's refund while the recovery job (another node's, say) finds it due
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        String token = TestTokens.fan();
        ApiClient.Response bought = fixtures.checkout(token, fixtures.holdId(token, eventId, fixtures.seatIds(eventId).subList(0, 1)),
                "tok_visa", UUID.randomUUID().toString());
        assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
        String orderId = bought.text("orderId");
        TestPayments.Gate gate = TestPayments.refundGate(orderId);
        CompletableFuture<ApiClient.Response> cancel = CompletableFuture.supplyAsync(
                () -> api.post("/api/v1/orders/" + orderId + "/cancel", token, null), Executors.newVirtualThreadPerTaskExecutor());
        assertThat(gate.awaitCall()).as("the cancel's refund is in flight").isTrue();
        assertThat(refundStatus(orderId)).isEqualTo("PENDING");

        recovery.settle();
        gate.open();

        ApiClient.Response cancelled = cancel.get(10, TimeUnit.SECONDS);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(refundStatus(orderId)).isEqualTo("REFUNDED");
        assertThat(ledger(orderId, "REFUND")).isEqualTo(1);
        assertThat(TestPayments.calls(PAYMENT_CALLS, "refund", orderId)).as("refund calls to the gateway").isEqualTo(1);
    }

    @Test
    void asksAgainForARefundWhoseClaimantDiedOnceItsClaimRunsOut() {
        // the refund is due and was claimed by a node that died before the gateway answered it
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        String token = TestTokens.fan();
        ApiClient.Response bought = fixtures.checkout(token, fixtures.holdId(token, eventId, fixtures.seatIds(eventId).subList(0, 1)),
                "tok_visa", UUID.randomUUID().toString());
        String orderId = bought.text("orderId");
        assertThat(orders.cancel(orderId, CLOCK.instant())).isTrue();
        assertThat(orders.claimRefund(orderId, CLOCK.instant(), CLOCK.instant().plusSeconds(30))).isTrue();

        recovery.settle();
        assertThat(TestPayments.calls(PAYMENT_CALLS, "refund", orderId)).as("refund calls while the claim holds").isZero();
        assertThat(refundStatus(orderId)).isEqualTo("PENDING");

        CLOCK.advance(Duration.ofSeconds(30));
        recovery.settle();
        assertThat(TestPayments.calls(PAYMENT_CALLS, "refund", orderId)).as("refund calls once the claim ran out").isEqualTo(1);
        assertThat(refundStatus(orderId)).isEqualTo("REFUNDED");
        assertThat(ledger(orderId, "REFUND")).isEqualTo(1);
    }

    private String refundStatus(String orderId) {
        return jdbc.sql("SELECT refund_status FROM orders WHERE id = :id").param("id", orderId).query(String.class).single();
    }

    private String awaitOrderOfHold(String holdId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            var id = jdbc.sql("SELECT id FROM orders WHERE hold_id = :hold").param("hold", holdId).query(String.class).optional();
            if (id.isPresent()) {
                return id.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no order was written for hold " + holdId);
    }
}
