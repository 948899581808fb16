package org.boxoffice.inventory.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.boxoffice.inventory.SeatCounts;
import org.jspecify.annotations.Nullable;

/**
 * The seat counts of each event this node read last, shared by its reads for at most {@link #MAX_AGE} of real time.
 * Every event page asks whether the event is sold out, and in an on-sale thousands ask each second: one counts script
 * each was most of the page's cost in distributed mode. Counts are for showing (the status, the organizer's figures);
 * no hold or sale is decided on them. Another node's changes show after {@link #MAX_AGE} at the latest, this node's at
 * once ({@link #forget}), and an expiry exactly when it falls due: a read is not used at or after the earliest expiry of
 * the event's holds when it was made.
 */
final class RecentCounts {
    static final Duration MAX_AGE = RecentSeatStates.MAX_AGE;

    /** Counts as read, and the earliest expiry (epoch ms on the service's clock) of the event's holds then. */
    record Counted(SeatCounts counts, long changesByExpiryAt) {
    }

    /** {@code at}: System.nanoTime when the read began; none counted: the node changed the event's seats at {@code at}. */
    private record Read(@Nullable Counted counted, long at) {
    }

    private final Map<Long, Read> byEvent = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RecentCounts(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The counts of a read made less than {@link #MAX_AGE} ago whose earliest expiry is after {@code nowMs}, else {@code read}'s. */
    SeatCounts get(long eventId, long nowMs, Supplier<Counted> read) {
        long now = nanoTime.getAsLong();
        Read last = byEvent.get(eventId);
        if (last != null && last.counted() != null && now - last.at() < MAX_AGE.toNanos() && nowMs < last.counted().changesByExpiryAt()) {
            return last.counted().counts();
        }
        Counted counted = read.get();
        // kept only when it began after what is kept now: a read that began before this node changed the seats is not
        byEvent.compute(eventId, (id, current) -> current == null || current.at() - now < 0 ? new Read(counted, now) : current);
        return counted.counts();
    }

    /** This node changed seats of the event: its next read asks Redis. */
    void forget(long eventId) {
        byEvent.put(eventId, new Read(null, nanoTime.getAsLong()));
    }
}
