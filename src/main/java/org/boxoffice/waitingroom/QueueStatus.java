package org.boxoffice.waitingroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a buyer sees of their place: the body of the queue endpoints. {@code receipt} (on joining) is the signed
 * record of the entry that proves the buyer's place once the pre-queue's shuffle is revealed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueStatus(String status, long position, long estimatedWaitSeconds, boolean preQueue,
                          @Nullable String admissionToken, @Nullable Instant admissionExpiresAt, @Nullable String receipt) {

    public QueueStatus withReceipt(String receipt) {
        return new QueueStatus(status, position, estimatedWaitSeconds, preQueue, admissionToken, admissionExpiresAt, receipt);
    }
}
