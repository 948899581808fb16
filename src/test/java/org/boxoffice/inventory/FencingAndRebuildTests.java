package org.boxoffice.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.boxoffice.inventory.Holds.StoredHold;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class FencingAndRebuildTests extends IntegrationTest {
    @Autowired
    SellingSeats inventory;
    @Autowired
    ExpiringHolds expiring;
    @Autowired
    SeatInventory seatInventory;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Holds holdRecords;

    @Test
    void rejectsAStaleConfirmationOnceTheSeatWasHeldAgain() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).set("holdSeconds", 60).create();
        String seat = fixtures.seatIds(eventId).getFirst();
        String paused = TestTokens.newUserId();
        String pausedToken = TestTokens.token(paused, List.of("FAN"));
        String staleHoldId = fixtures.holdId(pausedToken, eventId, List.of(seat));
        // The paused buyer's node read its hold, then stalls past the hold time.
        Hold stale = ((CheckoutHold.Live) inventory.checkoutHold(paused, staleHoldId)).hold();
        CLOCK.advance(Duration.ofSeconds(61));
        String rival = TestTokens.fan();
        String freshHoldId = fixtures.holdId(rival, eventId, List.of(seat));
        // Even if the stale hold's row still looked alive, the newer fencing token on the seat wins.
        jdbc.sql("UPDATE holds SET expires_at = expires_at + INTERVAL '1' HOUR WHERE id = :id").param("id", staleHoldId).update();

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> inventory.confirmSale(stale)))
                .isInstanceOf(HoldLostException.class);
        ApiClient.Response order = fixtures.checkout(rival, freshHoldId, "tok_visa", "fresh");
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets WHERE live_seat_id = :seat").param("seat", Long.parseLong(seat))
                .query(Long.class).single()).isEqualTo(1);
    }

    /** A one-seat hold whose sale committed but whose acknowledgement was lost (the database went away): nobody told the inventory. */
    private record SoldUnheard(String eventId, String seat, String holdId, String token) {
    }

    private SoldUnheard soldUnheard() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).set("holdSeconds", 60).create();
        String seat = fixtures.seatIds(eventId).getFirst();
        String buyer = TestTokens.newUserId();
        String token = TestTokens.token(buyer, List.of("FAN"));
        String holdId = fixtures.holdId(token, eventId, List.of(seat));
        Hold hold = ((CheckoutHold.Live) inventory.checkoutHold(buyer, holdId)).hold();
        transactions.executeWithoutResult(tx -> inventory.confirmSale(hold));
        return new SoldUnheard(eventId, seat, holdId, token);
    }

    @Test
    void aSaleCommittedWithoutTheLiveInventoryHearingOfItStaysSoldWhenItsHoldRunsOut() {
        SoldUnheard sale = soldUnheard();
        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(fixtures.seatStatuses(sale.eventId())).as("the live inventory let the hold run out")
                .containsEntry(sale.seat(), "AVAILABLE");

        expiring.expireDueHolds();

        assertThat(fixtures.seatStatuses(sale.eventId())).containsEntry(sale.seat(), "SOLD");
        assertThat(fixtures.hold(TestTokens.fan(), sale.eventId(), List.of(sale.seat())).status()).isEqualTo(409);
    }

    @Test
    void aSaleCommittedButReportedFailedShowsSoldOnTheNextSweepWithoutWaitingForItsHoldToRunOut() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).set("holdSeconds", 600).create();
        String seat = fixtures.seatIds(eventId).getFirst();
        String buyer = TestTokens.newUserId();
        String holdId = fixtures.holdId(TestTokens.token(buyer, List.of("FAN")), eventId, List.of(seat));
        Hold hold = ((CheckoutHold.Live) inventory.checkoutHold(buyer, holdId)).hold();
        // as when the connection breaks after PostgreSQL committed but before it said so: committed, reported failed
        assertThatThrownBy(() -> inventory.sell(hold, () -> true, () -> TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        throw new IllegalStateException("the connection broke while committing");
                    }
                }))).hasMessageContaining("the connection broke while committing");
        assertThat(jdbc.sql("SELECT status FROM holds WHERE id = :id").param("id", holdId).query(String.class).single())
                .as("the sale was committed").isEqualTo("SOLD");
        assertThat(fixtures.seatStatuses(eventId)).as("nobody told the live inventory").containsEntry(seat, "HELD");

        expiring.expireDueHolds();

        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seat, "SOLD");
    }

    @Test
    void holdWritesRacingForASeatNoHoldHadBeforeAllLandAndTheLargestFenceStays() throws Exception {
        // after a rebuild, a hold granted before it (its write still in flight) and one granted after meet on one seat
        long eventId = Long.parseLong(fixtures.event(fixtures.venue(1, 1, 40)).create());
        List<Long> seats = fixtures.seatIds(String.valueOf(eventId)).stream().map(Long::parseLong).toList();
        int writers = 4;
        CyclicBarrier together = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < seats.size(); i++) {
                        long fence = 1000 + (long) i * writers + writer; // fences are unique per event
                        Instant now = Instant.now();
                        StoredHold hold = new StoredHold(UUID.randomUUID().toString(), eventId, "writer-" + writer, fence,
                                Holds.ACTIVE, List.of(seats.get(i)), now, now.plusSeconds(60), now.plusSeconds(120));
                        together.await(30, TimeUnit.SECONDS);
                        try {
                            transactions.executeWithoutResult(tx -> holdRecords.insert(hold));
                        } catch (RuntimeException failed) {
                            together.reset(); // the others stop waiting for this writer
                            throw failed;
                        }
                    }
                    return null;
                }));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> writer : done) {
                try {
                    writer.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof BrokenBarrierException)) {
                        failures.add(e.getCause());
                    }
                }
            }
            assertThat(failures).as("hold writes that failed").isEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM seat_fences WHERE event_id = :event AND MOD(fence - 1000, :writers) = :last")
                .param("event", eventId).param("writers", writers).param("last", writers - 1).query(Long.class).single())
                .as("every seat keeps the largest of the fences written for it").isEqualTo(seats.size());
    }

    @Test
    void releasingAHoldWhoseSaleCommittedUnheardLeavesItsSeatsSold() {
        SoldUnheard sale = soldUnheard();
        assertThat(fixtures.seatStatuses(sale.eventId())).as("nobody told the live inventory").containsEntry(sale.seat(), "HELD");

        assertThat(api.delete("/api/v1/holds/" + sale.holdId(), sale.token()).status()).isEqualTo(404);

        assertThat(fixtures.seatStatuses(sale.eventId())).containsEntry(sale.seat(), "SOLD");
        assertThat(fixtures.hold(TestTokens.fan(), sale.eventId(), List.of(sale.seat())).status()).isEqualTo(409);
    }

    @Test
    void holdsTheSweeperCouldNotRecordWhileTheDatabaseWasAwayAreCheckedOnItsNextRound() {
        SoldUnheard sale = soldUnheard();
        CLOCK.advance(Duration.ofSeconds(61));
        jdbc.sql("ALTER TABLE holds RENAME TO holds_away").update();
        try {
            assertThatThrownBy(expiring::expireDueHolds).as("the sweep's database writes fail").isInstanceOf(RuntimeException.class);
        } finally {
            jdbc.sql("ALTER TABLE holds_away RENAME TO holds").update();
        }
        assertThat(fixtures.seatStatuses(sale.eventId())).as("drained from the live inventory").containsEntry(sale.seat(), "AVAILABLE");

        expiring.expireDueHolds();

        assertThat(fixtures.seatStatuses(sale.eventId())).containsEntry(sale.seat(), "SOLD");
    }

    @Test
    void rebuildsHoldsSalesAndBlocksFromTheDatabase() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 6)).create();
        List<String> seats = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats.subList(0, 2));
        fixtures.buy(TestTokens.fan(), eventId, seats.subList(2, 4));
        assertThat(api.post("/api/v1/admin/events/" + eventId + "/seats/block", fixtures.organizerToken(),
                Map.of("seatIds", List.of(seats.get(4)))).status()).isEqualTo(200);
        Map<String, String> before = fixtures.seatStatuses(eventId);

        // As after a restart: the live state is gone and comes back from the durable record.
        seatInventory.evict(Long.parseLong(eventId));

        assertThat(fixtures.seatStatuses(eventId)).isEqualTo(before);
        assertThat(before).containsEntry(seats.get(0), "HELD").containsEntry(seats.get(2), "SOLD")
                .containsEntry(seats.get(4), "BLOCKED").containsEntry(seats.get(5), "AVAILABLE");
        assertThat(fixtures.hold(TestTokens.fan(), eventId, seats.subList(0, 1)).status()).isEqualTo(409);
        ApiClient.Response order = fixtures.checkout(fan, holdId, "tok_visa", "after-rebuild");
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
    }

    @Test
    void fencingTokensKeepGrowingAcrossARebuild() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId);
        String fan = TestTokens.token(TestTokens.newUserId(), List.of("FAN"));
        String first = fixtures.holdId(fan, eventId, seats.subList(0, 1));
        seatInventory.evict(Long.parseLong(eventId));
        String second = fixtures.holdId(fan, eventId, seats.subList(1, 2));

        long firstFence = jdbc.sql("SELECT fence FROM holds WHERE id = :id").param("id", first).query(Long.class).single();
        long secondFence = jdbc.sql("SELECT fence FROM holds WHERE id = :id").param("id", second).query(Long.class).single();
        assertThat(secondFence).isGreaterThan(firstFence);
    }
}
