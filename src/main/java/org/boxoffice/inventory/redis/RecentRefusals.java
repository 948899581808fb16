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
 * A refusal is repeated for about {@link #MAX_AGE} of real time (as best-available's shared read of the seat states is
 * used: another node's release shows after {@link #MAX_AGE} plus {@link #ASKING} at the latest, this node's own at
 * once, see {@link #forget}), and never at or after the earliest expiry of any hold of the event at the time of the
 * refusal, so that no seat stays refused past the exact expiry of the hold that took it. Once a refusal is that old,
 * one attempt asks Redis and the others go on refusing while it asks, for {@link #ASKING} at most, instead of all
 * asking at once.
 */
final class RecentRefusals {
    static final Duration MAX_AGE = RecentSeatStates.MAX_AGE;
    /** How long the others go on refusing while one attempt asks Redis again. */
    static final Duration ASKING = Duration.ofMillis(10);
    /** Above this many remembered seats of one event, those too old to be used are dropped (once per {@link #MAX_AGE}). */
    private static final int PRUNE_ABOVE = 4096;
    /** An event whose refusals and forgetting are all this old is dropped altogether. */
    private static final Duration IDLE = Duration.ofSeconds(10);

    /** {@code seenAt}: System.nanoTime when the refusing question was asked; {@code freeAtEarliest}: epoch ms, service clock. */
    private record Refusal(long seenAt, long freeAtEarliest) {
    }

    /** One event's refusals; {@code forgottenAt}: when the node last freed seats of it (answers asked before are not kept). */
    private static final class Remembered {
        final Map<Integer, Refusal> refusals = new ConcurrentHashMap<>();
        final long forgottenAt;
        volatile long prunedAt;
        volatile long lastRefusedAt;

        Remembered(long forgottenAt) {
            this.forgottenAt = forgottenAt;
            this.prunedAt = forgottenAt;
            this.lastRefusedAt = forgottenAt;
        }
    }

    private final Map<Long, Remembered> byEvent = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RecentRefusals(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** This node's real time, to stamp a question to Redis with before asking it. */
    long now() {
        return nanoTime.getAsLong();
    }

    /**
     * Those of the positions this node saw taken lately, that no hold's expiry can have freed by {@code nowMs}; empty when
     * the caller is to ask Redis. A refusal too old to repeat is left to one caller to ask about: the others are refused
     * meanwhile.
     */
    List<Integer> stillTaken(long eventId, int[] positions, long nowMs) {
        Remembered remembered = byEvent.get(eventId);
        if (remembered == null) {
            return List.of();
        }
        long now = nanoTime.getAsLong();
        List<Integer> taken = new ArrayList<>(0);
        List<Integer> old = new ArrayList<>(0);
        for (int position : positions) {
            Refusal refusal = remembered.refusals.get(position);
            if (refusal != null && nowMs < refusal.freeAtEarliest()) {
                (fresh(refusal, now) ? taken : old).add(position);
            }
        }
        if (!taken.isEmpty()) {
            return taken; // refused on what is known: nothing old is marked as being asked about
        }
        for (int position : old) {
            Refusal refusal = remembered.refusals.get(position);
            if (refusal != null && (fresh(refusal, now) || !remembered.refusals.replace(position, refusal, asking(refusal, now)))) {
                taken.add(position); // another caller asks about it right now
            }
        }
        return taken;
    }

    /**
     * Redis, asked at {@code askedAt} (see {@link #now}), refused these positions; none of them can be freed by an expiry
     * before {@code freeAtEarliestMs}. Not kept when this node freed seats of the event after the question was asked.
     */
    void refused(long eventId, List<Integer> positions, long freeAtEarliestMs, long askedAt) {
        long now = nanoTime.getAsLong();
        Remembered remembered = byEvent.computeIfAbsent(eventId, id -> new Remembered(now - IDLE.toNanos()));
        if (askedAt - remembered.forgottenAt < 0) {
            return;
        }
        Refusal refusal = new Refusal(askedAt, freeAtEarliestMs);
        for (int position : positions) {
            remembered.refusals.merge(position, refusal, (current, fresher) -> current.seenAt() - fresher.seenAt() < 0 ? fresher : current);
        }
        remembered.lastRefusedAt = now;
        if (remembered.refusals.size() > PRUNE_ABOVE && now - remembered.prunedAt >= MAX_AGE.toNanos()) {
            remembered.prunedAt = now;
            remembered.refusals.values().removeIf(stale -> !fresh(stale, now));
        }
    }

    /** Redis, asked at {@code askedAt}, found these positions free: what was remembered of them before is dropped. */
    void free(long eventId, List<Integer> positions, long askedAt) {
        Remembered remembered = byEvent.get(eventId);
        if (remembered != null) {
            for (int position : positions) {
                remembered.refusals.computeIfPresent(position, (p, refusal) -> refusal.seenAt() - askedAt < 0 ? null : refusal);
            }
        }
    }

    /** This node freed seats of the event (or lost track of them): it asks Redis again, and answers asked before are not kept. */
    void forget(long eventId) {
        byEvent.put(eventId, new Remembered(nanoTime.getAsLong()));
    }

    /** Drops what is remembered of events with no refusal or forgetting lately (a sale that ended, say). */
    void dropIdle() {
        long now = nanoTime.getAsLong();
        byEvent.values().removeIf(remembered -> now - remembered.lastRefusedAt >= IDLE.toNanos()
                && now - remembered.forgottenAt >= IDLE.toNanos());
    }

    /** Seats remembered for the event, for tests. */
    int remembered(long eventId) {
        Remembered remembered = byEvent.get(eventId);
        return remembered == null ? 0 : remembered.refusals.size();
    }

    /** Events remembered, for tests. */
    int events() {
        return byEvent.size();
    }

    /** A refusal that stays fresh for {@link #ASKING} from {@code now}. */
    private static Refusal asking(Refusal old, long now) {
        return new Refusal(now - MAX_AGE.toNanos() + ASKING.toNanos(), old.freeAtEarliest());
    }

    private static boolean fresh(Refusal refusal, long now) {
        return now - refusal.seenAt() < MAX_AGE.toNanos();
    }
}
