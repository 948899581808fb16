package org.boxoffice.inventory.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Seats the place script found taken a moment ago, so that this node refuses the next attempts on them without asking
 * Redis. In an on-sale most attempts are refused, many of them on the same popular seats; each cost a Redis round trip.
 * A refusal is repeated for at most {@link #MAX_AGE} of real time (as best-available's shared read of the seat states
 * is used: another node's release shows after that at the latest, this node's own at once, see {@link #forget}), and
 * never at or after the earliest expiry of any hold of the event at the time of the refusal, so that no seat stays
 * refused past the exact expiry of the hold that took it. Once a refusal is that old, one attempt asks Redis and the
 * others go on refusing while it asks, for {@link #ASKING} at most, instead of all asking at once.
 */
final class RecentRefusals {
    static final Duration MAX_AGE = RecentSeatStates.MAX_AGE;
    /** How long the others go on refusing while one attempt asks Redis again. */
    static final Duration ASKING = Duration.ofMillis(10);
    /** Above this many remembered seats of one event, those too old to be used are dropped. */
    private static final int PRUNE_ABOVE = 4096;

    /** {@code seenAt}: System.nanoTime of the refusal; {@code freeAtEarliest}: epoch ms on the service's clock. */
    private record Refusal(long seenAt, long freeAtEarliest) {
    }

    private final Map<Long, Map<Integer, Refusal>> byEvent = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RecentRefusals() {
        this(System::nanoTime);
    }

    RecentRefusals(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Those of the positions this node saw taken within {@link #MAX_AGE}, that no hold's expiry can have freed by {@code nowMs}. */
    List<Integer> stillTaken(long eventId, int[] positions, long nowMs) {
        Map<Integer, Refusal> refusals = byEvent.get(eventId);
        if (refusals == null) {
            return List.of();
        }
        long now = nanoTime.getAsLong();
        List<Integer> taken = null;
        for (int position : positions) {
            Refusal refusal = refusals.get(position);
            if (refusal == null || nowMs >= refusal.freeAtEarliest()) {
                continue;
            }
            // the first attempt to find it old asks Redis; the others refuse for ASKING meanwhile
            if (fresh(refusal, now) || !refusals.replace(position, refusal, asking(refusal, now))) {
                if (taken == null) {
                    taken = new ArrayList<>(positions.length);
                }
                taken.add(position);
            }
        }
        return taken == null ? List.of() : taken;
    }

    /** A refusal that stays fresh for {@link #ASKING} from {@code now}. */
    private static Refusal asking(Refusal old, long now) {
        return new Refusal(now - MAX_AGE.toNanos() + ASKING.toNanos(), old.freeAtEarliest());
    }

    /** The place script found these positions taken; none of them can be freed by an expiry before {@code freeAtEarliestMs}. */
    void refused(long eventId, List<Integer> positions, long freeAtEarliestMs) {
        Map<Integer, Refusal> refusals = byEvent.computeIfAbsent(eventId, id -> new ConcurrentHashMap<>());
        long now = nanoTime.getAsLong();
        Refusal refusal = new Refusal(now, freeAtEarliestMs);
        for (int position : positions) {
            refusals.put(position, refusal);
        }
        if (refusals.size() > PRUNE_ABOVE) {
            refusals.values().removeIf(old -> !fresh(old, now));
        }
    }

    /** This node freed seats of the event (or lost track of them): it asks Redis again. */
    void forget(long eventId) {
        byEvent.remove(eventId);
    }

    /** Seats remembered for the event, for tests. */
    int remembered(long eventId) {
        Map<Integer, Refusal> refusals = byEvent.get(eventId);
        return refusals == null ? 0 : refusals.size();
    }

    private static boolean fresh(Refusal refusal, long now) {
        return now - refusal.seenAt() < MAX_AGE.toNanos();
    }
}
