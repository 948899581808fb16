package org.boxoffice.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable record an adapter rebuilds from, kept in memory for the adapter contract tests (the JDBC
 * implementation has its own tests through the application). Tests write into it as the database would.
 */
public final class RecordingHolds implements Holds {
    public final List<Long> blocked = new ArrayList<>();
    public final List<StoredHold> active = new ArrayList<>();
    public final Map<Long, String> sold = new HashMap<>();
    public long maxFence;
    /** Holds the database has sold, as {@link #soldAmong} tells. */
    public final Set<String> soldHolds = new java.util.HashSet<>();
    /** How many of the next {@link #soldAmong} calls fail, as when the database is away. */
    public int soldAmongFailures;
    /** Events whose record cannot be read, as when the database fails for them. */
    public final Set<Long> unreadable = new java.util.HashSet<>();

    @Override
    public void insert(StoredHold hold) {
        active.add(hold);
    }

    @Override
    public Optional<StoredHold> find(String holdId) {
        return active.stream().filter(h -> h.holdId().equals(holdId)).findFirst();
    }

    @Override
    public void updateExpiry(String holdId, Instant expiresAt) {
    }

    @Override
    public Set<String> holdersBetween(long eventId, Instant from, Instant to) {
        return Set.of();
    }

    @Override
    public boolean markReleased(String holdId) {
        return true;
    }

    @Override
    public void markExpired(Collection<String> holdIds) {
    }

    @Override
    public Set<String> soldAmong(Collection<String> holdIds) {
        if (soldAmongFailures > 0) {
            soldAmongFailures--;
            throw new org.springframework.dao.DataAccessResourceFailureException("the database is away");
        }
        return holdIds.stream().filter(soldHolds::contains).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public boolean confirmSold(String holdId, long fence, Instant now) {
        return true;
    }

    @Override
    public void markReturned(String holdId) {
    }

    @Override
    public long maxFence(long eventId) {
        return maxFence;
    }

    @Override
    public EventRecord load(long eventId, Instant now) {
        if (unreadable.contains(eventId)) {
            throw new org.springframework.dao.DataAccessResourceFailureException("event " + eventId + " cannot be read");
        }
        return new EventRecord(List.copyOf(blocked),
                active.stream().filter(h -> h.eventId() == eventId && h.expiresAt().isAfter(now)).toList(), Map.copyOf(sold));
    }

    @Override
    public void block(long eventId, Collection<Long> seatIds) {
    }

    @Override
    public void unblock(long eventId, Collection<Long> seatIds) {
    }
}
