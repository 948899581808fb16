package org.boxoffice.inventory;

import java.time.Instant;

/** A hold as the inventory keeps it: seats by position in the event's seating plan. */
public record LiveHold(String holdId, long eventId, String userId, long fence, int[] positions, Instant createdAt,
                       Instant expiresAt, Instant maxExpiresAt) {

    public LiveHold withExpiresAt(Instant newExpiry) {
        return new LiveHold(holdId, eventId, userId, fence, positions, createdAt, newExpiry, maxExpiresAt);
    }

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
