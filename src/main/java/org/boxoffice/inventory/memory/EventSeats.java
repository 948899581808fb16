package org.boxoffice.inventory.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.SeatCounts;
import org.boxoffice.inventory.SeatSnapshot;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.inventory.SeatsChanged;
import org.boxoffice.inventory.internal.BestAvailableSeats;
import org.boxoffice.inventory.internal.RecordedSeats;
import org.jspecify.annotations.Nullable;

/**
 * One event's seats in memory. Every method is synchronized: one event is one lock, and a hold attempt
 * costs microseconds, so contention on a hot event stays cheap. Expired holds are purged at the start of
 * every operation, which makes expiry exact without a sweeper.
 */
final class EventSeats {
    private static final byte AVAILABLE = SeatStatus.AVAILABLE.code();
    private static final byte HELD = SeatStatus.HELD.code();
    private static final byte SOLD = SeatStatus.SOLD.code();
    private static final byte BLOCKED = SeatStatus.BLOCKED.code();

    private final SeatingPlan plan;
    private final byte[] status;
    private final String[] owner;
    private final Map<String, LiveHold> holds = new HashMap<>();
    private final Expiries expiries = new Expiries();
    private final Map<String, Integer> seatsPerUser = new HashMap<>();
    private final List<LiveHold> expired = new ArrayList<>();
    /** Seats changed since the last drain, each once, in the order of their first change; their status says to what. */
    private int[] changed = new int[16];
    private int changedCount;
    private final boolean[] changedSinceDrain;
    /** Seats per status code, kept with every change so that counting costs nothing. */
    private final int[] counts = new int[SeatStatus.values().length];
    /** Available seats per row, kept with every change so that best-available passes over full rows unread. */
    private final int[] availableInRow;
    private long seq;
    private long drainedSeq;
    /** Fencing tokens of this event only grow; they continue from the database's largest after a rebuild. */
    private long fence;

    /** {@code initialSeq} should exceed any seq handed out before (a restart), so clients resuming notice the gap. */
    EventSeats(SeatingPlan plan, long initialSeq, long lastFence) {
        this.plan = plan;
        this.seq = initialSeq;
        this.drainedSeq = initialSeq;
        this.fence = lastFence;
        this.status = new byte[plan.size()];
        this.owner = new String[plan.size()];
        this.availableInRow = new int[plan.rows()];
        this.changedSinceDrain = new boolean[plan.size()];
        for (int i = 0; i < status.length; i++) {
            // seats outside every price category are not for sale
            status[i] = plan.seat(i).categoryId() == null ? BLOCKED : AVAILABLE;
        }
        recount();
    }

    synchronized PlaceResult place(LiveHold hold, int userLimit, Instant now) {
        purge(now);
        List<Integer> unavailable = null;
        for (int position : hold.positions()) {
            if (status[position] != AVAILABLE) {
                unavailable = unavailable == null ? new ArrayList<>(hold.positions().length) : unavailable;
                unavailable.add(position);
            }
        }
        if (unavailable != null) {
            return new PlaceResult.Unavailable(unavailable);
        }
        int already = seatsPerUser.getOrDefault(hold.userId(), 0);
        if (already + hold.positions().length > userLimit) {
            return new PlaceResult.LimitExceeded(already);
        }
        LiveHold fenced = withPositions(hold, hold.positions());
        apply(fenced);
        return new PlaceResult.Placed(fenced);
    }

    synchronized PlaceResult placeBest(BestSeatsRequest request, LiveHold template, int userLimit, Instant now) {
        purge(now);
        int already = seatsPerUser.getOrDefault(template.userId(), 0);
        if (already + request.quantity() > userLimit) {
            return new PlaceResult.LimitExceeded(already);
        }
        int[] chosen = BestAvailableSeats.choose(plan, request, position -> status[position] == AVAILABLE, row -> availableInRow[row]);
        if (chosen == null) {
            return new PlaceResult.NotEnoughSeats();
        }
        LiveHold hold = withPositions(template, chosen);
        apply(hold);
        return new PlaceResult.Placed(hold);
    }

    private LiveHold withPositions(LiveHold template, int[] positions) {
        return new LiveHold(template.holdId(), template.eventId(), template.userId(), ++fence, positions,
                template.createdAt(), template.expiresAt(), template.maxExpiresAt());
    }

    /** Takes the state the database records (overlapping stale holds already left out); the starting point, not a change. */
    synchronized void restore(RecordedSeats recorded) {
        for (int position = 0; position < status.length; position++) {
            if (recorded.statuses()[position] == BLOCKED) {
                status[position] = BLOCKED;
            }
        }
        recorded.soldTo().forEach((position, user) -> {
            status[position] = SOLD;
            owner[position] = user;
            seatsPerUser.merge(user, 1, EventSeats::sumOrNone);
        });
        recorded.holds().forEach(this::apply);
        recount();
        clearChanges();
        drainedSeq = seq;
    }

    synchronized Optional<LiveHold> find(String holdId, Instant now) {
        purge(now);
        return Optional.ofNullable(holds.get(holdId));
    }

    synchronized Optional<LiveHold> extend(String holdId, Instant newExpiresAt, Instant now) {
        purge(now);
        LiveHold hold = holds.get(holdId);
        if (hold == null) {
            return Optional.empty();
        }
        if (!newExpiresAt.isAfter(hold.expiresAt())) {
            return Optional.of(hold); // concurrent extensions: the later expiry wins, never the earlier
        }
        LiveHold extended = hold.withExpiresAt(newExpiresAt);
        holds.put(holdId, extended);
        expiries.add(newExpiresAt, holdId);
        return Optional.of(extended);
    }

    synchronized boolean release(String holdId, Instant now) {
        purge(now);
        LiveHold hold = holds.remove(holdId);
        if (hold == null) {
            return false;
        }
        free(hold);
        return true;
    }

    synchronized void markSold(LiveHold hold) {
        holds.remove(hold.holdId());
        for (int position : hold.positions()) {
            if (status[position] == SOLD && hold.userId().equals(owner[position])) {
                continue;
            }
            if (status[position] == HELD) {
                // normally this hold's own seat; if the hold expired an instant ago, another hold may have slipped
                // in, and its confirmation will fail on the database's constraints
                seatsPerUser.merge(owner[position], -1, EventSeats::sumOrNone);
            }
            set(position, SOLD);
            owner[position] = hold.userId();
            seatsPerUser.merge(hold.userId(), 1, EventSeats::sumOrNone);
        }
    }

    synchronized void returnSold(String userId, int[] positions) {
        for (int position : positions) {
            if (status[position] == SOLD && userId.equals(owner[position])) {
                set(position, AVAILABLE);
                owner[position] = null;
                seatsPerUser.merge(userId, -1, EventSeats::sumOrNone);
            }
        }
    }

    synchronized List<Integer> block(int[] positions, Instant now) {
        purge(now);
        List<Integer> refused = new ArrayList<>();
        for (int position : positions) {
            if (status[position] == HELD || status[position] == SOLD) {
                refused.add(position);
            }
        }
        if (refused.isEmpty()) {
            for (int position : positions) {
                set(position, BLOCKED);
            }
        }
        return refused;
    }

    synchronized void unblock(int[] positions) {
        for (int position : positions) {
            if (status[position] == BLOCKED && plan.seat(position).categoryId() != null) {
                set(position, AVAILABLE);
            }
        }
    }

    synchronized SeatSnapshot snapshot(Instant now) {
        purge(now);
        return new SeatSnapshot(seq, status.clone());
    }

    synchronized long lastFence() {
        return fence;
    }

    synchronized SeatCounts counts(Instant now) {
        purge(now);
        return new SeatCounts(counts[AVAILABLE], counts[HELD], counts[SOLD], counts[BLOCKED]);
    }

    synchronized List<LiveHold> drainExpired(Instant now) {
        purge(now);
        List<LiveHold> drained = new ArrayList<>(expired);
        expired.clear();
        return drained;
    }

    /** The seats changed since the last call, with the seq that includes them; empty when nothing changed. */
    synchronized Optional<SeatsChanged> drainChanges() {
        if (changedCount == 0) {
            return Optional.empty();
        }
        List<SeatsChanged.Change> changes = new ArrayList<>(changedCount);
        for (int i = 0; i < changedCount; i++) {
            changes.add(new SeatsChanged.Change(plan.seatId(changed[i]), SeatStatus.of(status[changed[i]])));
        }
        clearChanges();
        SeatsChanged result = new SeatsChanged(plan.event().id(), drainedSeq, seq, changes, false);
        drainedSeq = seq;
        return Optional.of(result);
    }

    private void set(int position, byte newStatus) {
        if (status[position] != newStatus) {
            counts[status[position]]--;
            counts[newStatus]++;
            if (status[position] == AVAILABLE || newStatus == AVAILABLE) {
                availableInRow[plan.rowOf(position)] += newStatus == AVAILABLE ? 1 : -1;
            }
            status[position] = newStatus;
            if (!changedSinceDrain[position]) {
                changedSinceDrain[position] = true;
                if (changedCount == changed.length) {
                    changed = Arrays.copyOf(changed, changedCount * 2);
                }
                changed[changedCount++] = position;
            }
            seq++;
        }
    }

    private void clearChanges() {
        for (int i = 0; i < changedCount; i++) {
            changedSinceDrain[changed[i]] = false;
        }
        changedCount = 0;
    }

    private void recount() {
        Arrays.fill(counts, 0);
        for (byte code : status) {
            counts[code]++;
        }
        for (int row = 0; row < availableInRow.length; row++) {
            int available = 0;
            for (int position = plan.rowStart(row); position < plan.rowEnd(row); position++) {
                available += status[position] == AVAILABLE ? 1 : 0;
            }
            availableInRow[row] = available;
        }
    }

    private void apply(LiveHold hold) {
        for (int position : hold.positions()) {
            set(position, HELD);
            owner[position] = hold.userId();
        }
        holds.put(hold.holdId(), hold);
        expiries.add(hold.expiresAt(), hold.holdId());
        seatsPerUser.merge(hold.userId(), hold.positions().length, EventSeats::sumOrNone);
    }

    private void free(LiveHold hold) {
        for (int position : hold.positions()) {
            if (status[position] == HELD && hold.userId().equals(owner[position])) {
                set(position, AVAILABLE);
                owner[position] = null;
                seatsPerUser.merge(hold.userId(), -1, EventSeats::sumOrNone);
            }
        }
    }

    private void purge(Instant now) {
        long nowNanos = Expiries.nanos(now);
        for (String due = expiries.takeDue(nowNanos); due != null; due = expiries.takeDue(nowNanos)) {
            LiveHold hold = holds.get(due);
            if (hold != null && hold.expiredAt(now)) {
                holds.remove(hold.holdId());
                free(hold);
                expired.add(hold);
            }
        }
    }

    /** A buyer whose count of seats comes to zero leaves the map, or a long sale would keep every buyer it ever saw. */
    private static @Nullable Integer sumOrNone(Integer a, Integer b) {
        int sum = a + b;
        return sum == 0 ? null : sum;
    }
}
