package org.boxoffice.waitingroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What a buyer sees of their place: the body of the queue endpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueStatus(String status, long position, long estimatedWaitSeconds, boolean preQueue,
                          @Nullable String admissionToken, @Nullable Instant admissionExpiresAt) {
}
