package org.boxoffice.waitingroom;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A buyer's place. {@code position} counts from 1 while waiting (0 otherwise); in the pre-queue it is the place in
 * the random order drawn so far, final only when the sale opens. {@code admittedUntil} is set while admitted.
 */
public record QueueEntry(String userId, Status status, long position, @Nullable Instant admittedUntil, boolean preQueue) {
    public enum Status {
        WAITING, ADMITTED, EXPIRED
    }
}
