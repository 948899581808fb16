package org.boxoffice.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.boxoffice.inventory.Hold;
import org.boxoffice.ordering.internal.JdbcOrders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two checkouts with one card, interleaved by hand: the first has counted the card's seats but not yet written its
 * order when the second counts. With the card locked, the second waits and sees the first's seats; without, it
 * answers at once with a count that lets both pass the cap. Half a second is how long a broken lock gets to show.
 */
public final class CardLockCheck {
    private CardLockCheck() {
    }

    public static void secondCheckoutWaitsForTheFirst(JdbcOrders orders, TransactionTemplate transactions, Hold firstHold)
            throws Exception {
        long eventId = firstHold.eventId();
        String card = "card-" + UUID.randomUUID();
        orders.ensureCardLock(eventId, card);
        CountDownLatch firstCounted = new CountDownLatch(1);
        CountDownLatch firstMayWrite = new CountDownLatch(1);
        // threads of their own: a shared pool of one thread would run the second only after the first, lock or not
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> transactions.execute(tx -> {
            orders.lockCard(eventId, card);
            int seats = orders.seatsPaidWithCard(eventId, card);
            firstCounted.countDown();
            await(firstMayWrite);
            orders.insertPending(UUID.randomUUID().toString(), firstHold, card, Instant.now());
            return seats;
        }), threads);
        assertThat(firstCounted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> transactions.execute(tx -> {
            orders.lockCard(eventId, card);
            return orders.seatsPaidWithCard(eventId, card);
        }), threads);
        boolean answeredWhileTheFirstWasOpen;
        try {
            second.get(500, TimeUnit.MILLISECONDS);
            answeredWhileTheFirstWasOpen = true;
        } catch (TimeoutException waiting) {
            answeredWhileTheFirstWasOpen = false;
        }
        firstMayWrite.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(answeredWhileTheFirstWasOpen).as("the second checkout counted while the first held the card").isFalse();
        assertThat(second.get(10, TimeUnit.SECONDS)).as("the second sees the first's seats").isEqualTo(firstHold.seats().size());
        threads.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
