package org.boxoffice.postgres;

import org.boxoffice.inventory.Hold;
import org.boxoffice.inventory.SellingSeats;
import org.boxoffice.ordering.internal.JdbcOrders;
import org.boxoffice.support.CardLockCheck;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.BookingRace;
import org.boxoffice.support.PostgresIntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The booking flow and the race on PostgreSQL: same migrations, same SQL, constraints enforced by the server. */
class PostgresBookingTests extends PostgresIntegrationTest {
    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcOrders orders;
    @Autowired
    SellingSeats inventory;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void countsACardsSeatsOneCheckoutAtATime() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        String fan = TestTokens.fan();
        Hold hold = inventory.storedHold(fixtures.holdId(fan, eventId, fixtures.seatIds(eventId).subList(0, 2))).orElseThrow();

        CardLockCheck.secondCheckoutWaitsForTheFirst(orders, transactions, hold);
    }

    @Test
    void runsOnPostgres() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    }

    @Test
    void buysCancelsAndRebuysASeat() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        String orderId = fixtures.buy(fan, eventId, seats).get("orderId").asString();

        ApiClient.Response cancelled = api.post("/api/v1/orders/" + orderId + "/cancel", fan, null);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("refund").get("status").asString()).isEqualTo("REFUNDED");
        assertThat(fixtures.buy(TestTokens.fan(), eventId, seats).get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void sellsEverySeatAtMostOnceUnderARace() throws Exception {
        assertThat(new BookingRace(api, fixtures, jdbc, PAYMENT_CALLS).run(200, 20)).isPositive();
    }
}
