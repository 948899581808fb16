package org.boxoffice.inventory.baseline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.inventory.Holds;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.SeatCounts;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.SeatSnapshot;
import org.boxoffice.inventory.internal.BestAvailableSeats;
import org.boxoffice.inventory.internal.RecordedSeats;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A seed baseline as a whole inventory: seat state in the database's seat table, each hold decided by the
 * chosen {@link SeedLocking}. Counts and snapshots read the table, as a design without a live inventory must.
 * Live seat maps are not fed from it (they refresh from snapshots only); it exists to be measured.
 */
class SeedSeatInventory implements SeatInventory {
    private static final int ATTEMPTS = 32;

    private final SeedLocking locking;
    private final SeedSeatTable table;
    private final TransactionTemplate transactions;
    private final Holds holds;
    private final Clock clock;
    private final @Nullable RedisSeatLocks locks;
    private final Set<Long> loaded = ConcurrentHashMap.newKeySet();
    /** Fencing tokens per event, continued across evictions (holds on their way to the database carry the last ones). */
    private final Map<Long, AtomicLong> fences = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> seqs = new ConcurrentHashMap<>();

    SeedSeatInventory(SeedLocking locking, SeedSeatTable table, TransactionTemplate transactions, Holds holds, Clock clock,
                      @Nullable RedisSeatLocks locks) {
        if (locking == SeedLocking.SET_NX && locks == null) {
            throw new IllegalStateException("the seed-set-nx baseline needs Redis: set BOXOFFICE_REDIS_URL");
        }
        this.locking = locking;
        this.table = table;
        this.transactions = transactions;
        this.holds = holds;
        this.clock = clock;
        this.locks = locks;
    }

    @Override
    public PlaceResult place(SeatingPlan plan, String holdId, String userId, int[] positions, int userLimit,
                             Instant now, Instant expiresAt, Instant maxExpiresAt) {
        loaded(plan);
        LiveHold hold = new LiveHold(holdId, plan.event().id(), userId, 0, positions.clone(), now, expiresAt, maxExpiresAt);
        PlaceResult result = switch (locking) {
            case FOR_UPDATE -> transactions.execute(status -> placeLocked(hold, userLimit, now));
            case OPTIMISTIC -> placeOptimistically(hold, userLimit, now);
            case SET_NX -> placeWithSeatLocks(hold, userLimit, now);
        };
        if (result instanceof PlaceResult.Placed) {
            seq(plan.event().id()).addAndGet(positions.length);
        }
        return result;
    }

    private PlaceResult placeLocked(LiveHold hold, int userLimit, Instant now) {
        List<SeedSeatTable.Row> rows = table.rows(hold.eventId(), hold.positions(), true);
        PlaceResult refusal = refusal(hold, rows, userLimit, now);
        if (refusal != null) {
            return refusal;
        }
        LiveHold fenced = fenced(hold);
        table.hold(fenced, now);
        return new PlaceResult.Placed(fenced);
    }

    private PlaceResult placeOptimistically(LiveHold hold, int userLimit, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<SeedSeatTable.Row> rows = table.rows(hold.eventId(), hold.positions(), false);
            PlaceResult refusal = refusal(hold, rows, userLimit, now);
            if (refusal != null) {
                return refusal;
            }
            LiveHold fenced = fenced(hold);
            Boolean won = transactions.execute(status -> {
                for (SeedSeatTable.Row row : rows) {
                    if (!table.holdIfUnchanged(fenced, row.index(), row.version())) {
                        status.setRollbackOnly(); // someone changed a seat since it was read: read again
                        return false;
                    }
                }
                return true;
            });
            if (Boolean.TRUE.equals(won)) {
                return new PlaceResult.Placed(fenced);
            }
        }
        return new PlaceResult.Unavailable(SeedSeatTable.boxed(hold.positions()));
    }

    private PlaceResult placeWithSeatLocks(LiveHold hold, int userLimit, Instant now) {
        List<Integer> locked = locks().lock(hold.eventId(), hold.positions(), hold.holdId(), hold.expiresAt(), now);
        if (!locked.isEmpty()) {
            return new PlaceResult.Unavailable(locked);
        }
        PlaceResult result = transactions.execute(status -> {
            int taken = table.takenBy(hold.eventId(), hold.userId(), now);
            if (taken + hold.positions().length > userLimit) {
                return new PlaceResult.LimitExceeded(taken);
            }
            LiveHold fenced = fenced(hold);
            if (table.hold(fenced, now) == hold.positions().length) {
                return new PlaceResult.Placed(fenced);
            }
            status.setRollbackOnly(); // the database knows better than the lock: a seat is sold or blocked
            return new PlaceResult.Unavailable(unavailable(hold.positions(), table.rows(hold.eventId(), hold.positions(), false), now));
        });
        if (!(result instanceof PlaceResult.Placed)) {
            locks().unlock(hold.eventId(), SeedSeatTable.boxed(hold.positions()));
        }
        return result;
    }

    @Override
    public PlaceResult placeBest(SeatingPlan plan, String holdId, String userId, BestSeatsRequest request, int userLimit,
                                 Instant now, Instant expiresAt, Instant maxExpiresAt) {
        loaded(plan);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int taken = table.takenBy(plan.event().id(), userId, now);
            if (taken + request.quantity() > userLimit) {
                return new PlaceResult.LimitExceeded(taken);
            }
            byte[] statuses = table.statuses(plan.event().id(), plan.size(), now);
            int[] chosen = BestAvailableSeats.chooseAmong(plan, request, p -> statuses[p] == SeedSeatTable.AVAILABLE,
                    attempt == 0 ? 1 : 8, ThreadLocalRandom.current());
            if (chosen == null) {
                return new PlaceResult.NotEnoughSeats();
            }
            PlaceResult result = place(plan, holdId, userId, chosen, userLimit, now, expiresAt, maxExpiresAt);
            if (!(result instanceof PlaceResult.Unavailable)) {
                return result;
            }
        }
        return new PlaceResult.NotEnoughSeats();
    }

    @Override
    public Optional<LiveHold> find(SeatingPlan plan, String holdId, Instant now) {
        loaded(plan);
        List<SeedSeatTable.Row> rows = table.liveHold(holdId, now);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        SeedSeatTable.Row first = rows.getFirst();
        return Optional.of(new LiveHold(holdId, plan.event().id(), first.userId(), first.fence(),
                rows.stream().mapToInt(SeedSeatTable.Row::index).toArray(), Instant.ofEpochMilli(first.heldAt()),
                Instant.ofEpochMilli(first.expiresAt()), Instant.ofEpochMilli(first.maxExpiresAt())));
    }

    @Override
    public Optional<LiveHold> extend(SeatingPlan plan, String holdId, Instant newExpiresAt, Instant now) {
        loaded(plan);
        boolean extended = table.extend(holdId, newExpiresAt, now);
        Optional<LiveHold> hold = find(plan, holdId, now);
        if (extended && locks != null) {
            hold.ifPresent(live -> locks.extend(live.eventId(), live.positions(), holdId, newExpiresAt));
        }
        return hold;
    }

    @Override
    public boolean release(SeatingPlan plan, String holdId, Instant now) {
        Optional<LiveHold> hold = find(plan, holdId, now);
        if (hold.isEmpty() || !table.release(holdId, now)) {
            return false;
        }
        seq(plan.event().id()).addAndGet(hold.get().positions().length);
        if (locks != null) {
            locks.unlock(plan.event().id(), SeedSeatTable.boxed(hold.get().positions()));
        }
        return true;
    }

    @Override
    public void markSold(SeatingPlan plan, LiveHold hold) {
        loaded(plan);
        table.markSold(hold);
        seq(plan.event().id()).addAndGet(hold.positions().length);
        if (locks != null) {
            locks.markSold(hold.eventId(), hold.positions());
        }
    }

    @Override
    public void returnSold(SeatingPlan plan, String userId, int[] positions) {
        loaded(plan);
        table.returnSold(plan.event().id(), userId, positions);
        seq(plan.event().id()).addAndGet(positions.length);
        if (locks != null) {
            locks.unlock(plan.event().id(), SeedSeatTable.boxed(positions));
        }
    }

    @Override
    public List<Integer> block(SeatingPlan plan, int[] positions, Instant now) {
        loaded(plan);
        return transactions.execute(status -> {
            List<Integer> refused = unavailable(positions, table.rows(plan.event().id(), positions, true), now);
            if (refused.isEmpty()) {
                table.block(plan.event().id(), SeedSeatTable.boxed(positions));
                seq(plan.event().id()).addAndGet(positions.length);
            }
            return refused;
        });
    }

    @Override
    public void unblock(SeatingPlan plan, int[] positions) {
        loaded(plan);
        // seats outside every price category are never for sale
        List<Integer> forSale = IntStream.of(positions).filter(p -> p < plan.size() && plan.seat(p).categoryId() != null).boxed().toList();
        if (!forSale.isEmpty()) {
            table.unblock(plan.event().id(), forSale);
            seq(plan.event().id()).addAndGet(forSale.size());
        }
    }

    @Override
    public SeatSnapshot snapshot(SeatingPlan plan, Instant now) {
        loaded(plan);
        long seq = seq(plan.event().id()).get();
        return new SeatSnapshot(seq, table.statuses(plan.event().id(), plan.size(), now));
    }

    @Override
    public SeatCounts counts(SeatingPlan plan, Instant now) {
        return SeatCounts.of(snapshot(plan, now).statuses());
    }

    @Override
    public List<LiveHold> drainExpired(Instant now) {
        List<LiveHold> drained = new ArrayList<>();
        transactions.executeWithoutResult(status -> table.expiredForUpdate(now).forEach((eventId, rows) -> {
            Map<String, List<SeedSeatTable.Row>> byHold = new java.util.LinkedHashMap<>();
            rows.forEach(row -> byHold.computeIfAbsent(row.holdId(), id -> new ArrayList<>()).add(row));
            byHold.forEach((holdId, seats) -> {
                SeedSeatTable.Row first = seats.getFirst();
                drained.add(new LiveHold(holdId, eventId, first.userId(), first.fence(),
                        seats.stream().mapToInt(SeedSeatTable.Row::index).toArray(), Instant.ofEpochMilli(first.heldAt()),
                        Instant.ofEpochMilli(first.expiresAt()), Instant.ofEpochMilli(first.maxExpiresAt())));
            });
            table.free(eventId, rows.stream().map(SeedSeatTable.Row::index).toList());
            seq(eventId).addAndGet(rows.size());
        }));
        return drained;
    }

    @Override
    public void evict(long eventId) {
        table.delete(eventId);
        loaded.remove(eventId);
    }

    private void loaded(SeatingPlan plan) {
        long eventId = plan.event().id();
        if (loaded.contains(eventId)) {
            return;
        }
        synchronized (this) {
            if (loaded.contains(eventId)) {
                return;
            }
            if (!table.hasSeats(eventId)) {
                try {
                    transactions.executeWithoutResult(status -> table.insert(eventId, RecordedSeats.of(plan, holds.load(eventId, clock.instant()))));
                    if (locks != null) {
                        locks.unlockAll(eventId, plan.size()); // locks of an earlier state of the table mean nothing now
                    }
                } catch (DuplicateKeyException loadedByAnotherNode) {
                    // the table holds the event now, which is all this wanted
                }
            }
            long recorded = Math.max(holds.maxFence(eventId), table.maxFence(eventId));
            fences.computeIfAbsent(eventId, id -> new AtomicLong()).accumulateAndGet(recorded, Math::max);
            seq(eventId);
            loaded.add(eventId);
        }
    }

    private LiveHold fenced(LiveHold hold) {
        return new LiveHold(hold.holdId(), hold.eventId(), hold.userId(), fences.get(hold.eventId()).incrementAndGet(), hold.positions(),
                hold.createdAt(), hold.expiresAt(), hold.maxExpiresAt());
    }

    private AtomicLong seq(long eventId) {
        return seqs.computeIfAbsent(eventId, id -> new AtomicLong(clock.millis() * 1000));
    }

    private RedisSeatLocks locks() {
        return java.util.Objects.requireNonNull(locks);
    }

    /** Why the hold cannot have these seats as read, or null when it can. */
    private @Nullable PlaceResult refusal(LiveHold hold, List<SeedSeatTable.Row> rows, int userLimit, Instant now) {
        List<Integer> unavailable = unavailable(hold.positions(), rows, now);
        if (!unavailable.isEmpty()) {
            return new PlaceResult.Unavailable(unavailable);
        }
        int taken = table.takenBy(hold.eventId(), hold.userId(), now);
        return taken + hold.positions().length > userLimit ? new PlaceResult.LimitExceeded(taken) : null;
    }

    private static List<Integer> unavailable(int[] positions, List<SeedSeatTable.Row> rows, Instant now) {
        Set<Integer> free = new java.util.HashSet<>();
        rows.stream().filter(row -> row.free(now)).forEach(row -> free.add(row.index()));
        return IntStream.of(positions).filter(p -> !free.contains(p)).boxed().toList();
    }
}
