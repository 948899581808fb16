package org.boxoffice.inventory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.boxoffice.catalog.Category;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.catalog.WaitingRoomSettings;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.shared.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentSeatStatesTests {
    private static final Instant T0 = Instant.parse("2026-12-04T20:00:00Z");
    private static final BestSeatsRequest TWO = new BestSeatsRequest(2, null, null);

    private final SeatingPlan plan = plan(2, 6);
    private final RecentSeatStates recent = new RecentSeatStates();
    /** What Redis holds: the reads below copy it, as the snapshot script does. */
    private final byte[] redis = new byte[plan.size()];
    private final AtomicInteger reads = new AtomicInteger();
    private final Supplier<byte[]> read = () -> {
        reads.incrementAndGet();
        return redis.clone();
    };

    @BeforeEach
    void allSeatsFree() {
        java.util.Arrays.fill(redis, SeatStatus.AVAILABLE.code());
    }

    @Test
    void requestsWithinTheMaximumAgeShareOneReadAndNeverGetTheSameSeats() {
        int[] first = recent.choose(plan, TWO, 1, 0, T0, read).positions();
        int[] second = recent.choose(plan, TWO, 1, 0, T0.plusMillis(50), read).positions();
        int[] third = recent.choose(plan, TWO, 1, 0, T0.plus(RecentSeatStates.MAX_AGE), read).positions();

        assertThat(reads).hasValue(1);
        assertThat(first).doesNotContain(second).doesNotContain(third);
        assertThat(second).doesNotContain(third);
    }

    @Test
    void readsAgainOnceTheReadIsOlderThanTheMaximumAge() {
        recent.choose(plan, TWO, 1, 0, T0, read);
        redis[0] = SeatStatus.SOLD.code(); // taken on another node meanwhile

        recent.choose(plan, TWO, 1, 0, T0.plus(RecentSeatStates.MAX_AGE).plusMillis(1), read);

        assertThat(reads).hasValue(2);
    }

    @Test
    void aLostRaceAsksForANewerReadThatShowsWhatOtherNodesTook() {
        RecentSeatStates.Choice lost = recent.choose(plan, TWO, 1, 0, T0, read);
        for (int position : lost.positions()) {
            redis[position] = SeatStatus.HELD.code(); // another node placed them first
        }

        RecentSeatStates.Choice retry = recent.choose(plan, TWO, 1, lost.read() + 1, T0, read);

        assertThat(reads).hasValue(2);
        assertThat(retry.read()).isGreaterThan(lost.read());
        assertThat(retry.positions()).doesNotContain(lost.positions());
    }

    @Test
    void seatsThisNodeFreesAreOfferedAtOnce() {
        int[] taken = recent.choose(plan, TWO, 1, 0, T0, read).positions();
        for (int position : taken) {
            redis[position] = SeatStatus.HELD.code();
        }
        // the hold is released on this node: Redis has the seats free again
        for (int position : taken) {
            redis[position] = SeatStatus.AVAILABLE.code();
        }

        recent.forget(plan.event().id());

        assertThat(recent.choose(plan, TWO, 1, 0, T0, read).positions()).containsExactly(taken);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRefusedProposalFreesTheSeatsThatWereNotTakenAndMarksTheOthers() {
        SeatingPlan pair = plan(1, 2);
        Supplier<byte[]> bothFree = () -> {
            reads.incrementAndGet();
            return new byte[] {SeatStatus.AVAILABLE.code(), SeatStatus.AVAILABLE.code()};
        };
        RecentSeatStates.Choice proposal = recent.choose(pair, TWO, 1, 0, T0, bothFree);
        assertThat(proposal.positions()).containsExactly(0, 1);

        recent.refused(pair, proposal, List.of(1));

        BestSeatsRequest one = new BestSeatsRequest(1, null, null);
        assertThat(recent.choose(pair, one, 1, 0, T0, bothFree).positions()).containsExactly(0);
        assertThat(recent.choose(pair, one, 1, 0, T0, bothFree).positions()).isNull();
        assertThat(reads).hasValue(1);
    }

    @Test
    void aRefusalIsNotMarkedOnANewerReadAndReadNumbersGrowAcrossForgottenStates() {
        RecentSeatStates.Choice proposal = recent.choose(plan, TWO, 1, 0, T0, read);
        recent.forget(plan.event().id());
        for (int position : proposal.positions()) {
            redis[position] = SeatStatus.HELD.code(); // another buyer of this node placed them meanwhile
        }
        RecentSeatStates.Choice newer = recent.choose(plan, new BestSeatsRequest(1, null, null), 1, proposal.read() + 1, T0, read);
        assertThat(newer.read()).isGreaterThan(proposal.read());

        recent.unused(plan, proposal); // the first proposal's request hit a limit: its seats are not free on the newer read

        int[] next = recent.choose(plan, TWO, 1, 0, T0, read).positions();
        assertThat(next).doesNotContain(proposal.positions());
        assertThat(reads).hasValue(2);
    }

    @Test
    void seatsHeldByNameOnThisNodeAreNotProposed() {
        recent.choose(plan, new BestSeatsRequest(1, null, null), 1, 0, T0, read);
        int[] frontRow = java.util.stream.IntStream.range(plan.rowStart(0), plan.rowEnd(0)).toArray();

        recent.taken(plan, frontRow);

        int[] chosen = recent.choose(plan, TWO, 1, 0, T0, read).positions();
        assertThat(java.util.stream.IntStream.of(chosen).map(plan::rowOf).distinct().toArray()).containsExactly(1);
    }

    @Test
    void requestsThatWaitedForAFailedReadFailWithItInsteadOfAskingRedisOneByOne() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        RuntimeException redisDown = new IllegalStateException("Redis is not answering");
        Supplier<byte[]> slowThenDown = () -> {
            reads.incrementAndGet();
            reading.countDown();
            try {
                fail.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw redisDown;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> recent.choose(plan, TWO, 1, 0, T0, slowThenDown));
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> waiter = pool.submit(() -> recent.choose(plan, TWO, 1, 0, T0, slowThenDown));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> recent.waiting(plan.event().id()) == 1);

            fail.countDown();

            assertThatThrownBy(first::get).hasCause(redisDown);
            assertThatThrownBy(waiter::get).hasCause(redisDown);
            assertThat(reads).as("the waiter did not read again").hasValue(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(recent.choose(plan, TWO, 1, 0, T0, read).positions()).as("a later request reads again").isNotNull();
        assertThat(reads).hasValue(2);
    }

    /** {@code rows} rows of {@code seatsPerRow} seats, all in one category. */
    private static SeatingPlan plan(int rows, int seatsPerRow) {
        List<Seat> seats = new ArrayList<>();
        long id = 1;
        for (int row = 0; row < rows; row++) {
            for (int n = 1; n <= seatsPerRow; n++) {
                seats.add(new Seat(id++, "A", String.valueOf(row + 1), row, n, "A-" + row + "-" + n, n, row, 1L));
            }
        }
        Event event = new Event(1, "e", "", 1, "v", T0.plusSeconds(7200), T0.minusSeconds(60), 600, 8, "EUR", false,
                List.of(new Category(1, "A", Money.of("10.00", "EUR"), List.of("A"))), WaitingRoomSettings.DISABLED, "organizer");
        return new SeatingPlan(event, seats);
    }
}
