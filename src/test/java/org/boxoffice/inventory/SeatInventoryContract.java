package org.boxoffice.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.boxoffice.catalog.Category;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.catalog.WaitingRoomSettings;
import org.boxoffice.shared.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SeatInventory} adapter must have, run against the in-process and the Redis adapter
 * alike. Time is passed in, so expiry is tested to the millisecond without waiting.
 */
public abstract class SeatInventoryContract {
    protected static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
    private static final Duration HOLD = Duration.ofMinutes(10);

    protected final RecordingHolds record = new RecordingHolds();
    protected SeatingPlan plan;
    private int holdCounter;

    /** The adapter under test, reading its durable record from {@link #record}. */
    protected abstract SeatInventory inventory();

    @BeforeEach
    void newEvent() {
        long eventId = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        List<Seat> seats = new ArrayList<>();
        for (int row = 0; row < 2; row++) {
            for (int n = 1; n <= 5; n++) {
                long id = eventId * 100 + row * 10 + n;
                seats.add(new Seat(id, "A", String.valueOf(row + 1), row, n, "A-" + (row + 1) + "-" + n, n, row, 1L));
            }
        }
        seats.add(new Seat(eventId * 100 + 99, "Z", "1", 2, 1, "not for sale", 0, 0, null));
        Event event = new Event(eventId, "contract", "", 1, "v", T0.plus(Duration.ofDays(30)), T0.minusSeconds(60), 600, 4, "EUR",
                false, List.of(new Category(1, "A", Money.of("10.00", "EUR"), List.of("A"))), WaitingRoomSettings.DISABLED, "o");
        plan = new SeatingPlan(event, seats);
    }

    private PlaceResult place(String user, Instant now, int... positions) {
        return inventory().place(plan, "hold-" + (++holdCounter) + "-" + plan.event().id(), user, positions, 4, now, now.plus(HOLD),
                now.plus(HOLD.multipliedBy(2)));
    }

    private LiveHold placed(String user, Instant now, int... positions) {
        PlaceResult result = place(user, now, positions);
        assertThat(result).isInstanceOf(PlaceResult.Placed.class);
        return ((PlaceResult.Placed) result).hold();
    }

    private SeatStatus status(int position, Instant now) {
        return inventory().snapshot(plan, now).status(position);
    }

    @Test
    void holdsAllSeatsOrNone() {
        placed("alice", T0, 0, 1);

        PlaceResult result = place("bob", T0, 1, 2);

        assertThat(result).isEqualTo(new PlaceResult.Unavailable(List.of(1)));
        assertThat(status(2, T0)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(status(1, T0)).isEqualTo(SeatStatus.HELD);
    }

    @Test
    void seatsOutsideEveryCategoryAreBlockedAndCannotBeHeld() {
        assertThat(status(10, T0)).isEqualTo(SeatStatus.BLOCKED);
        assertThat(place("alice", T0, 10)).isInstanceOf(PlaceResult.Unavailable.class);
    }

    @Test
    void aHoldIsGoneExactlyAtItsExpiry() {
        LiveHold hold = placed("alice", T0, 0);
        Instant expiry = hold.expiresAt();

        assertThat(inventory().find(plan, hold.holdId(), expiry.minusMillis(1))).isPresent();
        assertThat(inventory().find(plan, hold.holdId(), expiry)).isEmpty();
        assertThat(status(0, expiry)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(place("bob", expiry, 0)).isInstanceOf(PlaceResult.Placed.class);
    }

    @Test
    void aHoldPlacedLaterThatEndsSoonerIsGoneAtItsOwnExpiry() {
        LiveHold first = placed("alice", T0, 0);
        Instant later = T0.plusSeconds(1);
        // ends before the first one, as a hold cut short by the event's start does
        PlaceResult result = inventory().place(plan, "short-" + plan.event().id(), "bob", new int[] {1}, 4, later,
                later.plusSeconds(60), later.plusSeconds(60));
        LiveHold shorter = ((PlaceResult.Placed) result).hold();
        Instant due = shorter.expiresAt();

        assertThat(status(1, due.minusMillis(1))).isEqualTo(SeatStatus.HELD);
        assertThat(status(1, due)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(status(0, due)).isEqualTo(SeatStatus.HELD);
        assertThat(inventory().counts(plan, due).held()).isEqualTo(1);
        assertThat(inventory().drainExpired(due)).extracting(LiveHold::holdId).containsExactly(shorter.holdId());
        assertThat(inventory().find(plan, first.holdId(), due)).isPresent();
    }

    @Test
    void extendingMovesTheExpiryForwardOnly() {
        LiveHold hold = placed("alice", T0, 0);
        Instant later = hold.expiresAt().plus(Duration.ofMinutes(5));

        assertThat(inventory().extend(plan, hold.holdId(), later, T0.plusSeconds(60)).orElseThrow().expiresAt()).isEqualTo(later);
        assertThat(inventory().find(plan, hold.holdId(), hold.expiresAt().plusSeconds(1))).isPresent();
        assertThat(inventory().find(plan, hold.holdId(), later)).isEmpty();
    }

    @Test
    void extendingAnExpiredHoldFails() {
        LiveHold hold = placed("alice", T0, 0);

        assertThat(inventory().extend(plan, hold.holdId(), hold.expiresAt().plusSeconds(60), hold.expiresAt())).isEmpty();
    }

    @Test
    void releasingFreesTheSeatsAtOnce() {
        LiveHold hold = placed("alice", T0, 0, 1);

        assertThat(inventory().release(plan, hold.holdId(), T0)).isTrue();
        assertThat(inventory().release(plan, hold.holdId(), T0)).isFalse();
        assertThat(status(0, T0)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(place("bob", T0, 0, 1)).isInstanceOf(PlaceResult.Placed.class);
    }

    @Test
    void countsHeldAndBoughtSeatsAgainstTheBuyersLimit() {
        LiveHold first = placed("alice", T0, 0, 1);
        inventory().markSold(plan, first);
        placed("alice", T0, 2);

        assertThat(place("alice", T0, 3, 4)).isEqualTo(new PlaceResult.LimitExceeded(3));
        assertThat(place("alice", T0, 3)).isInstanceOf(PlaceResult.Placed.class);
        assertThat(place("bob", T0, 4)).isInstanceOf(PlaceResult.Placed.class);
    }

    @Test
    void soldSeatsStaySoldUntilReturned() {
        LiveHold hold = placed("alice", T0, 0);
        inventory().markSold(plan, hold);
        Instant muchLater = T0.plus(Duration.ofDays(1));

        assertThat(status(0, muchLater)).isEqualTo(SeatStatus.SOLD);
        assertThat(place("bob", muchLater, 0)).isInstanceOf(PlaceResult.Unavailable.class);
        inventory().returnSold(plan, "alice", new int[] {0});
        assertThat(status(0, muchLater)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(place("alice", muchLater, 1, 2, 3, 4)).isInstanceOf(PlaceResult.Placed.class);
    }

    @Test
    void blocksOnlySeatsThatAreNeitherHeldNorSold() {
        placed("alice", T0, 0);

        assertThat(inventory().block(plan, new int[] {0, 1}, T0)).containsExactly(0);
        assertThat(status(1, T0)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(inventory().block(plan, new int[] {1, 2}, T0)).isEmpty();
        assertThat(place("bob", T0, 2)).isInstanceOf(PlaceResult.Unavailable.class);
        inventory().unblock(plan, new int[] {1, 2, 10});
        assertThat(status(2, T0)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(status(10, T0)).isEqualTo(SeatStatus.BLOCKED);
    }

    @Test
    void fencingTokensGrowWithEveryHold() {
        long first = placed("alice", T0, 0).fence();
        long second = placed("bob", T0, 1).fence();

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void placesTheBestAdjacentSeats() {
        placed("alice", T0, 0);

        PlaceResult result = inventory().placeBest(plan, "best-" + plan.event().id(), "bob", new BestSeatsRequest(3, null, null), 4,
                T0, T0.plus(HOLD), T0.plus(HOLD.multipliedBy(2)));

        int[] positions = ((PlaceResult.Placed) result).hold().positions();
        assertThat(positions).hasSize(3);
        assertThat(positions[2] - positions[0]).isEqualTo(2);
        assertThat(plan.seat(positions[0]).rowIndex()).isEqualTo(plan.seat(positions[2]).rowIndex());
        assertThat(inventory().placeBest(plan, "best2-" + plan.event().id(), "carol", new BestSeatsRequest(4, null, null), 4,
                T0, T0.plus(HOLD), T0.plus(HOLD))).isInstanceOf(PlaceResult.Placed.class);
        assertThat(inventory().placeBest(plan, "best3-" + plan.event().id(), "dave", new BestSeatsRequest(3, null, null), 4,
                T0, T0.plus(HOLD), T0.plus(HOLD))).isInstanceOf(PlaceResult.NotEnoughSeats.class);
    }

    @Test
    void bestAvailableGoesBackToTheFrontRowOnceItsSeatsAreFreeAgain() {
        LiveHold expiring = placed("alice", T0, 0, 1);
        Instant later = expiring.expiresAt().minusSeconds(1);
        LiveHold released = placed("bob", later, 2, 3);
        LiveHold sold = placed("carol", later, 4);
        inventory().markSold(plan, sold);
        assertThat(best("dave", 2, later)).isEqualTo(new int[] {5, 6}); // the front row is full

        Instant afterExpiry = expiring.expiresAt();
        assertThat(inventory().release(plan, released.holdId(), afterExpiry)).isTrue();
        inventory().returnSold(plan, "carol", new int[] {4});
        assertThat(inventory().block(plan, new int[] {0, 1, 2, 3, 4}, afterExpiry)).isEmpty();
        assertThat(best("erin", 1, afterExpiry)).isEqualTo(new int[] {7}); // the front row is blocked
        inventory().unblock(plan, new int[] {0, 1, 2, 3, 4});

        assertThat(best("frank", 3, afterExpiry)).isEqualTo(new int[] {0, 1, 2});
    }

    @Test
    void bestAvailableOffersSeatsFreedAMomentAgo() {
        LiveHold released = placed("alice", T0, 0, 1);
        LiveHold sold = placed("bob", T0, 2, 3);
        inventory().markSold(plan, sold);
        assertThat(best("carol", 1, T0)).isEqualTo(new int[] {4});

        assertThat(inventory().release(plan, released.holdId(), T0)).isTrue();
        assertThat(best("dave", 2, T0)).as("released just now").isEqualTo(new int[] {0, 1});
        inventory().returnSold(plan, "bob", new int[] {2, 3});
        assertThat(best("erin", 2, T0)).as("returned just now").isEqualTo(new int[] {2, 3});
    }

    private int[] best(String user, int quantity, Instant now) {
        PlaceResult result = inventory().placeBest(plan, "best-" + user + "-" + plan.event().id(), user,
                new BestSeatsRequest(quantity, null, null), 4, now, now.plus(HOLD), now.plus(HOLD.multipliedBy(2)));
        assertThat(result).isInstanceOf(PlaceResult.Placed.class);
        return ((PlaceResult.Placed) result).hold().positions();
    }

    @Test
    void handsOutEachExpiredHoldOnce() {
        LiveHold hold = placed("alice", T0, 0);
        Instant after = hold.expiresAt().plusMillis(1);

        List<LiveHold> expired = inventory().drainExpired(after);

        assertThat(expired).extracting(LiveHold::holdId).contains(hold.holdId());
        assertThat(inventory().drainExpired(after)).extracting(LiveHold::holdId).doesNotContain(hold.holdId());
    }

    @Test
    void countsEveryChangeInTheSeq() {
        long before = inventory().snapshot(plan, T0).seq();
        placed("alice", T0, 0, 1);

        assertThat(inventory().snapshot(plan, T0).seq()).isEqualTo(before + 2);
    }

    @Test
    void rebuildsFromTheDurableRecordAfterLosingItsState() {
        long eventId = plan.event().id();
        inventory().snapshot(plan, T0); // state exists
        record.sold.put(plan.seat(0).id(), "alice");
        record.blocked.add(plan.seat(1).id());
        record.active.add(new Holds.StoredHold("kept", eventId, "bob", 7, "ACTIVE", List.of(plan.seat(2).id()), T0,
                T0.plus(HOLD), T0.plus(HOLD)));
        record.active.add(new Holds.StoredHold("older-overlap", eventId, "carol", 5, "ACTIVE", List.of(plan.seat(2).id()), T0,
                T0.plus(HOLD), T0.plus(HOLD)));
        record.maxFence = 7;

        inventory().evict(eventId);

        SeatSnapshot snapshot = inventory().snapshot(plan, T0);
        assertThat(snapshot.status(0)).isEqualTo(SeatStatus.SOLD);
        assertThat(snapshot.status(1)).isEqualTo(SeatStatus.BLOCKED);
        assertThat(snapshot.status(2)).isEqualTo(SeatStatus.HELD);
        assertThat(inventory().find(plan, "kept", T0)).isPresent();
        assertThat(inventory().find(plan, "older-overlap", T0)).isEmpty();
        assertThat(placed("dave", T0, 3).fence()).isGreaterThan(7);
        assertThat(place("alice", T0, 4, 5, 6, 7)).isEqualTo(new PlaceResult.LimitExceeded(1));
    }

    @Test
    void countsSeatsPerStatusAsTheyChangeAndAtExpiryWithoutASweeper() {
        assertThat(inventory().counts(plan, T0)).isEqualTo(new SeatCounts(10, 0, 0, 1));
        LiveHold alice = placed("alice", T0, 0, 1);
        placed("bob", T0.plusSeconds(60), 2);
        inventory().block(plan, new int[] {3}, T0);
        assertThat(inventory().counts(plan, T0.plusSeconds(60))).isEqualTo(new SeatCounts(6, 3, 0, 2));

        inventory().markSold(plan, alice);
        assertThat(inventory().counts(plan, T0.plusSeconds(60))).isEqualTo(new SeatCounts(6, 1, 2, 2));
        // bob's hold ends exactly at its expiry, for the counts too
        assertThat(inventory().counts(plan, T0.plusSeconds(60).plus(HOLD))).isEqualTo(new SeatCounts(7, 0, 2, 2));
        inventory().returnSold(plan, "alice", new int[] {0});
        inventory().unblock(plan, new int[] {3});
        assertThat(inventory().counts(plan, T0.plus(HOLD.multipliedBy(3)))).isEqualTo(new SeatCounts(9, 0, 1, 1));
    }

    @Test
    void countsAgreeWithTheSnapshotAfterManyChangesAndARebuild() {
        java.util.Random random = new java.util.Random(7);
        Instant now = T0;
        for (int i = 0; i < 200; i++) {
            now = now.plusSeconds(random.nextInt(120));
            int position = random.nextInt(10);
            PlaceResult result = place("user" + random.nextInt(4), now, position);
            if (result instanceof PlaceResult.Placed placed && random.nextInt(3) == 0) {
                inventory().markSold(plan, placed.hold());
            } else if (result instanceof PlaceResult.Placed placed && random.nextBoolean()) {
                inventory().release(plan, placed.hold().holdId(), now);
            }
            assertThat(inventory().counts(plan, now)).as("after change %d", i).isEqualTo(countsOf(inventory().snapshot(plan, now)));
        }
        record.sold.put(plan.seat(5).id(), "alice");
        record.blocked.add(plan.seat(6).id());
        inventory().evict(plan.event().id());
        assertThat(inventory().counts(plan, now)).isEqualTo(new SeatCounts(8, 0, 1, 2));
    }

    private static SeatCounts countsOf(SeatSnapshot snapshot) {
        return new SeatCounts(snapshot.count(SeatStatus.AVAILABLE), snapshot.count(SeatStatus.HELD), snapshot.count(SeatStatus.SOLD),
                snapshot.count(SeatStatus.BLOCKED));
    }

    @Test
    void bestAvailableFindsSeatsWhileManyBuyersAskAtOnce() throws Exception {
        long eventId = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        List<Seat> seats = new ArrayList<>();
        for (int row = 0; row < 20; row++) {
            for (int n = 1; n <= 20; n++) {
                seats.add(new Seat(eventId * 1000 + row * 20 + n, "A", String.valueOf(row + 1), row, n, "A-" + (row + 1) + "-" + n, n, row, 1L));
            }
        }
        Event event = new Event(eventId, "crowd", "", 1, "v", T0.plus(Duration.ofDays(30)), T0.minusSeconds(60), 600, 4, "EUR",
                false, List.of(new Category(1, "A", Money.of("10.00", "EUR"), List.of("A"))), WaitingRoomSettings.DISABLED, "o");
        SeatingPlan crowded = new SeatingPlan(event, seats);
        java.util.concurrent.atomic.AtomicInteger placed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger attempt = new java.util.concurrent.atomic.AtomicInteger();
        List<PlaceResult> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        // 150 holds of 2 take 300 of the 400 seats: a pair of adjacent free seats exists all along
        org.boxoffice.support.Concurrently.run(16, buyer -> {
            while (placed.get() < 150) {
                int n = attempt.incrementAndGet();
                PlaceResult result = inventory().placeBest(crowded, "crowd-" + n, "buyer-" + n, new BestSeatsRequest(2, null, null), 4, T0,
                        T0.plus(HOLD), T0.plus(HOLD.multipliedBy(2)));
                if (result instanceof PlaceResult.Placed) {
                    placed.incrementAndGet();
                } else {
                    refused.add(result);
                }
            }
            return null;
        });

        assertThat(refused).as("refusals with 100 or more seats free").isEmpty();
        assertThat(inventory().counts(crowded, T0).held()).isEqualTo(2 * placed.get());
    }

    @Test
    void aRebuildNeverHandsOutAFenceAgainThatAHoldOnItsWayToTheDatabaseCarries() {
        LiveHold first = placed("alice", T0, 0); // not in the durable record yet, as if group commit were still writing it
        inventory().evict(plan.event().id());
        LiveHold second = placed("bob", T0, 1);
        inventory().evict(plan.event().id());
        LiveHold third = placed("carol", T0, 2);

        assertThat(second.fence()).isGreaterThan(first.fence());
        assertThat(third.fence()).isGreaterThan(second.fence());
    }
}
