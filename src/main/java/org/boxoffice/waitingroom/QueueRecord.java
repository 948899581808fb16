package org.boxoffice.waitingroom;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the queue remembers of one entry for the fairness report: who, under which pseudonymous id, when they
 * joined, whether into the pre-queue, and their first admission (its number counts every admission of the event
 * from 1, 0 while never admitted).
 */
public record QueueRecord(String userId, String entryId, Instant joinedAt, boolean preQueue, long admissionNumber,
                          @Nullable Instant admittedAt) {

    public boolean admitted() {
        return admissionNumber > 0;
    }
}
