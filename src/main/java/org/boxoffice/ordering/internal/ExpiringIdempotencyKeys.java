package org.boxoffice.ordering.internal;

import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes idempotency keys past their 24 hours, on one node at a time, so the table holds about a day of checkouts; and
 * frees the keys of failed requests that could not be freed while the database was away.
 */
@Component
class ExpiringIdempotencyKeys {
    private static final Logger log = LoggerFactory.getLogger(ExpiringIdempotencyKeys.class);
    private final IdempotencyKeys keys;
    private final Clock clock;

    ExpiringIdempotencyKeys(IdempotencyKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** Every second, on every node (each frees the keys it could not): see {@link IdempotencyKeys#release}. */
    @Scheduled(fixedDelay = 1000)
    void releaseLeftOvers() {
        try {
            keys.releaseLeftOvers();
        } catch (RuntimeException e) {
            log.debug("Could not free the keys left over yet: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${boxoffice.ordering.idempotency-cleanup-interval:10m}",
            initialDelayString = "${boxoffice.ordering.idempotency-cleanup-interval:10m}")
    @SchedulerLock(name = "expire-idempotency-keys", lockAtMostFor = "PT5M")
    void expire() {
        try {
            int removed = keys.deleteExpired(clock.instant());
            if (removed > 0) {
                log.info("Removed {} idempotency keys older than 24 hours", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not remove expired idempotency keys yet: {}", e.getMessage());
        }
    }
}
