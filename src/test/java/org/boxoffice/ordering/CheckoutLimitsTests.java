package org.boxoffice.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.boxoffice.support.ApiAssertions.assertProblem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.inventory.Hold;
import org.boxoffice.inventory.SellingSeats;
import org.boxoffice.ordering.internal.IdempotencyKeys;
import org.boxoffice.ordering.internal.JdbcOrders;
import org.boxoffice.support.CardLockCheck;
import java.util.ArrayList;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.Concurrently;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** What one buyer can make the service store and try: checkouts, payment attempts, cards, idempotency keys. */
class CheckoutLimitsTests extends IntegrationTest {
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private IdempotencyKeys keys;
    @Autowired
    private JdbcOrders orders;
    @Autowired
    private SellingSeats inventory;
    @Autowired
    private TransactionTemplate transactions;

    private ApiClient.Response pay(String token, String holdId, String card) {
        return fixtures.checkout(token, holdId, card, UUID.randomUUID().toString());
    }

    private long rows(String sql, String userId) {
        return jdbc.sql(sql).param("user", userId).query(Long.class).single();
    }

    @Test
    void aKeyThatCouldNotBeFreedWhileTheDatabaseWasAwayIsFreedOnceItAnswersSoTheClientCanRetry() {
        String user = TestTokens.newUserId();
        String key = UUID.randomUUID().toString();
        assertThat(keys.claim(user, key, "hash", java.time.Instant.now())).as("claimed by the first request").isEmpty();
        jdbc.sql("ALTER TABLE idempotency_keys RENAME TO idempotency_keys_away").update();
        try {
            keys.release(user, key); // the request failed with the database; freeing its key fails too
        } finally {
            jdbc.sql("ALTER TABLE idempotency_keys_away RENAME TO idempotency_keys").update();
        }
        assertThat(keys.find(user, key)).as("still claimed: a retry would hear 'in progress'").isPresent();

        keys.releaseLeftOvers();

        assertThat(keys.find(user, key)).as("freed: a retry with the key runs").isEmpty();
    }

    @Test
    void capsTheSeatsOneCardMayPayFor() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).set("buyerLimits", Map.of("seatsPerCard", 2)).create();
        List<String> seats = fixtures.seatIds(eventId);
        String first = TestTokens.fan();
        assertThat(pay(first, fixtures.holdId(first, eventId, seats.subList(0, 2)), "tok_visa_alpha").status()).isEqualTo(201);

        String second = TestTokens.fan();
        String holdId = fixtures.holdId(second, eventId, seats.subList(2, 3));
        ApiClient.Response sameCard = pay(second, holdId, "tok_visa_alpha");

        assertProblem(sameCard, 422, "limit-exceeded");
        assertThat(sameCard.json().get("seatsPerCard").asInt()).isEqualTo(2);
        assertThat(pay(second, holdId, "tok_visa_beta").status()).as("another card").isEqualTo(201);
    }

    @Test
    void holdsThePerCardCapWhenCheckoutsWithOneCardRaceEachOther() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).set("buyerLimits", Map.of("seatsPerCard", 2)).create();
        List<String> seats = fixtures.seatIds(eventId);
        List<String> buyers = new ArrayList<>();
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            buyers.add(TestTokens.fan());
            holds.add(fixtures.holdId(buyers.get(i), eventId, seats.subList(i, i + 1)));
        }

        List<ApiClient.Response> answers = Concurrently.run(6, i -> pay(buyers.get(i), holds.get(i), "tok_visa_slow_card"));

        assertThat(answers.stream().filter(a -> a.status() == 201).count()).as(answers.toString()).isEqualTo(2);
        assertThat(answers.stream().filter(a -> a.status() == 422).count()).as(answers.toString()).isEqualTo(4);
    }

    @Test
    void countsACardsSeatsOneCheckoutAtATime() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        String buyer = TestTokens.fan();
        Hold hold = inventory.storedHold(fixtures.holdId(buyer, eventId, fixtures.seatIds(eventId).subList(0, 2))).orElseThrow();

        CardLockCheck.secondCheckoutWaitsForTheFirst(orders, transactions, hold);
    }

    @Test
    void stopsPaymentAttemptsOnAHoldAfterTheCap() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        String buyer = TestTokens.fan();
        String holdId = fixtures.holdId(buyer, eventId, fixtures.seatIds(eventId).subList(0, 1));
        for (int i = 0; i < 5; i++) {
            assertProblem(pay(buyer, holdId, "tok_declined"), 402, "payment-declined");
        }

        ApiClient.Response sixth = pay(buyer, holdId, "tok_visa");

        assertProblem(sixth, 429, "payment-attempts-exhausted");
        assertThat(rows("SELECT COUNT(*) FROM orders WHERE user_id = :user AND status = 'CONFIRMED'", TestTokens.subjectOf(buyer)))
                .isZero();
    }

    @Test
    void storesNothingForCheckoutsOfHoldsThatAreNotTheCallers() {
        String buyer = TestTokens.fan();
        String eventId = fixtures.event(fixtures.venue(1, 1, 2)).create();
        String someoneElses = fixtures.holdId(TestTokens.fan(), eventId, fixtures.seatIds(eventId).subList(0, 1));
        for (String holdId : List.of(UUID.randomUUID().toString(), "not-a-hold", someoneElses)) {
            assertProblem(pay(buyer, holdId, "tok_visa"), 404, "not-found");
        }

        String user = TestTokens.subjectOf(buyer);
        assertThat(rows("SELECT COUNT(*) FROM idempotency_keys WHERE user_id = :user", user)).isZero();
        assertThat(rows("SELECT COUNT(*) FROM orders WHERE user_id = :user", user)).isZero();
    }

    @Test
    void limitsHowOftenOneBuyerChecksOut() {
        String buyer = TestTokens.fan();
        for (int i = 0; i < 10; i++) {
            assertThat(pay(buyer, UUID.randomUUID().toString(), "tok_visa").status()).isEqualTo(404);
        }

        ApiClient.Response eleventh = pay(buyer, UUID.randomUUID().toString(), "tok_visa");

        assertProblem(eleventh, 429, "rate-limited");
        assertThat(eleventh.header("Retry-After")).isNotNull();
    }

    /** A hold of one seat of a new event. */
    private String oneSeatHold(String buyer) {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        return fixtures.holdId(buyer, eventId, fixtures.seatIds(eventId).subList(0, 1));
    }

    /** The first answer with {@code card}, the minute's checkouts used up, then the same request again. */
    private void assertARetryOverTheLimitGetsTheStoredAnswer(String card, int status) {
        String buyer = TestTokens.fan();
        String holdId = oneSeatHold(buyer);
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = fixtures.checkout(buyer, holdId, card, key);
        assertThat(first.status()).isEqualTo(status);
        for (int i = 0; i < 10; i++) {
            pay(buyer, UUID.randomUUID().toString(), "tok_visa"); // uses up the minute's checkouts
        }

        ApiClient.Response retry = fixtures.checkout(buyer, holdId, card, key);

        assertThat(retry.status()).isEqualTo(status);
        assertThat(retry.raw().body()).isEqualTo(first.raw().body());
    }

    @Test
    void answersARetryWithTheStoredAnswerEvenOverTheLimit() {
        assertARetryOverTheLimitGetsTheStoredAnswer("tok_visa", 201);
    }

    @Test
    void answersARetryOfADeclineWithTheStoredAnswerEvenOverTheLimit() {
        // the hold is still live, so the retry gets as far as the limit before it finds its key
        assertARetryOverTheLimitGetsTheStoredAnswer("tok_declined", 402);
    }

    @Test
    void replaysOfAnAnswerSpendNoCheckouts() {
        String buyer = TestTokens.fan();
        String holdId = oneSeatHold(buyer);
        String key = UUID.randomUUID().toString();
        assertProblem(fixtures.checkout(buyer, holdId, "tok_declined", key), 402, "payment-declined");
        for (int i = 0; i < 12; i++) {
            assertThat(fixtures.checkout(buyer, holdId, "tok_declined", key).status()).isEqualTo(402);
        }

        assertThat(pay(buyer, holdId, "tok_visa").status()).as("twelve replays later, the second checkout").isEqualTo(201);
    }

    @Test
    void checkoutsOfAHoldThatIsGoneStoreNoMoreKeysThanTheLimitAllows() {
        String userId = TestTokens.newUserId();
        String buyer = TestTokens.token(userId, List.of("FAN"));
        String holdId = oneSeatHold(buyer);
        assertThat(api.delete("/api/v1/holds/" + holdId, buyer).status()).isEqualTo(204);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            statuses.add(pay(buyer, holdId, "tok_visa").status());
        }

        assertThat(statuses.subList(0, 10)).containsOnly(410);
        assertThat(statuses.subList(10, 15)).containsOnly(429);
        assertThat(rows("SELECT COUNT(*) FROM idempotency_keys WHERE user_id = :user", userId)).isEqualTo(10);
    }

    @Test
    void letsAnIdempotencyKeyBeUsedAgainAfterADayAndRemovesOldKeys() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId);
        String buyer = TestTokens.fan();
        String key = "reused-" + UUID.randomUUID();
        String firstHold = fixtures.holdId(buyer, eventId, seats.subList(0, 1));
        assertThat(fixtures.checkout(buyer, firstHold, "tok_visa", key).status()).isEqualTo(201);
        String secondHold = fixtures.holdId(buyer, eventId, seats.subList(1, 2));
        assertProblem(fixtures.checkout(buyer, secondHold, "tok_visa", key), 422, "idempotency-key-reused");

        CLOCK.advance(Duration.ofHours(25));
        secondHold = fixtures.holdId(buyer, eventId, seats.subList(1, 2));
        assertThat(fixtures.checkout(buyer, secondHold, "tok_visa", key).status()).as("a day later").isEqualTo(201);

        String other = TestTokens.fan();
        fixtures.checkout(other, fixtures.holdId(other, eventId, seats.subList(2, 3)), "tok_visa", "old-" + UUID.randomUUID());
        CLOCK.advance(Duration.ofHours(25));
        assertThat(keys.deleteExpired(CLOCK.instant())).isPositive();
        assertThat(rows("SELECT COUNT(*) FROM idempotency_keys WHERE user_id = :user", TestTokens.subjectOf(other))).isZero();
    }
}
