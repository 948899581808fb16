package org.boxoffice.ordering.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The ordering module's settings; defaults and environment variables in {@code application.yml}. */
@ConfigurationProperties("boxoffice")
public record OrderingSettings(Ordering ordering, Limits limits) {

    /**
     * @param recoveryInterval how often stuck PENDING_PAYMENT orders and due refunds are settled
     * @param recoveryAfter how old a PENDING_PAYMENT order must be before recovery settles it
     * @param refundClaim how long whoever asks the gateway for a refund has before recovery may ask again
     */
    public record Ordering(Duration recoveryInterval, Duration recoveryAfter, Duration refundClaim) {
    }

    /**
     * @param checkoutsPerUserPerMinute new checkouts (idempotency keys) per buyer and minute
     * @param failedPaymentsPerHold declined payments one hold may collect before checkout refuses it
     */
    public record Limits(int checkoutsPerUserPerMinute, int failedPaymentsPerHold) {
    }
}
