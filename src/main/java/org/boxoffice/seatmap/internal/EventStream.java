package org.boxoffice.seatmap.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.inventory.SeatsChanged;

/**
 * The live stream of one event on this node: the changes since the last tick (latest status per seat), a
 * bounded history of recent ticks for clients that reconnect, and the connected clients.
 */
final class EventStream {
    /** One flushed tick: every seat that changed after {@code fromSeq} up to {@code toSeq}, with its latest status. */
    record Tick(long fromSeq, long toSeq, Map<Long, SeatStatus> seats) {
    }

    private final int historySeats;
    private final Map<Long, SeatStatus> pending = new LinkedHashMap<>();
    private final Deque<Tick> history = new ArrayDeque<>();
    private int historySize;
    private long pendingSeq;
    private long flushedSeq = -1;
    final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private long lastFollowedTick;
    /** The seq at which the stream last started over; a client whose state is older needs a fresh snapshot. */
    private volatile long lastResetSeq = -1;

    long lastResetSeq() {
        return lastResetSeq;
    }

    /** True once nobody has followed the stream for {@code idleTicks} ticks. */
    boolean idleSince(long tick, long idleTicks) {
        if (!subscribers.isEmpty()) {
            lastFollowedTick = tick;
            return false;
        }
        return tick - lastFollowedTick > idleTicks;
    }

    EventStream(int historySeats, long createdAtTick) {
        this.historySeats = historySeats;
        this.lastFollowedTick = createdAtTick;
    }

    /**
     * Takes in a change; returns false when the stream had to start over (the event was rebuilt, or a message
     * went missing) and its clients must be sent a fresh snapshot.
     */
    synchronized boolean add(SeatsChanged changed) {
        long seen = Math.max(flushedSeq, pendingSeq);
        if (changed.reset() || (flushedSeq >= 0 && changed.fromSeq() != seen)) {
            lastResetSeq = changed.seq();
            pending.clear();
            history.clear();
            historySize = 0;
            flushedSeq = changed.seq();
            pendingSeq = changed.seq();
            return false;
        }
        if (flushedSeq < 0) {
            flushedSeq = changed.fromSeq();
        }
        changed.changes().forEach(change -> pending.put(change.seatId(), change.status()));
        pendingSeq = Math.max(pendingSeq, changed.seq());
        return true;
    }

    /** Takes the pending changes as one tick and remembers it for reconnecting clients. */
    synchronized Optional<Tick> flush() {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Tick tick = new Tick(flushedSeq, pendingSeq, Map.copyOf(pending));
        pending.clear();
        flushedSeq = pendingSeq;
        history.addLast(tick);
        historySize += tick.seats().size();
        while (historySize > historySeats && history.size() > 1) {
            historySize -= history.removeFirst().seats().size();
        }
        return Optional.of(tick);
    }

    /**
     * What a client that has seen everything up to {@code lastSeq} missed, merged into one tick; empty when
     * the history does not reach back that far (the client then needs a snapshot).
     */
    synchronized Optional<Tick> since(long lastSeq) {
        if (flushedSeq < 0 || lastSeq > Math.max(flushedSeq, pendingSeq)) {
            return Optional.empty(); // a seq this node never saw (another epoch): only a snapshot is safe
        }
        if (lastSeq >= flushedSeq) {
            return Optional.of(new Tick(lastSeq, lastSeq, Map.of())); // up to date; pending changes follow
        }
        List<Tick> missed = new ArrayList<>();
        for (Tick tick : history) {
            if (tick.toSeq() > lastSeq) {
                missed.add(tick);
            }
        }
        if (missed.isEmpty() || missed.getFirst().fromSeq() > lastSeq) {
            return Optional.empty();
        }
        Map<Long, SeatStatus> merged = new LinkedHashMap<>();
        missed.forEach(tick -> merged.putAll(tick.seats()));
        return Optional.of(new Tick(lastSeq, missed.getLast().toSeq(), merged));
    }
}
