package org.boxoffice.waitingroom;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A buyer's place. {@code position} counts from 1 while waiting (0 otherwise); in the pre-queue it is the size of
 * the pre-queue, anyone of whom may be ahead until the sale opens and the committed shuffle decides.
 * {@code admittedUntil} is set while admitted; {@code preQueue} tells whether the buyer joined before the sale opened.
 * {@code entryId} is the pseudonymous id the shuffle and the published
 * entry list know the buyer by, {@code joinedAt} when they joined.
 */
public record QueueEntry(String userId, Status status, long position, @Nullable Instant admittedUntil, boolean preQueue,
                         String entryId, Instant joinedAt) {
    public enum Status {
        WAITING, ADMITTED, EXPIRED
    }
}
