package org.boxoffice.ordering.internal;

import java.time.Clock;
import java.time.Duration;
import org.boxoffice.inventory.SellingSeats;
import org.boxoffice.ordering.Order;
import org.boxoffice.payment.PaymentGateway;
import org.boxoffice.shared.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recovery: an order left in PENDING_PAYMENT (the process died between charge and confirmation) is settled
 * with the gateway: confirmed if it was charged and its seats are still ours, refunded if the seats are
 * gone, failed if nothing was charged. Refunds that the gateway did not confirm are retried.
 */
@Component
public class SettlingPendingPayments {
    private static final Logger log = LoggerFactory.getLogger(SettlingPendingPayments.class);
    static final String NEVER_CHARGED = "payment never completed";
    /** How long a capture may still arrive for an order that recovery failed for want of one. */
    private static final Duration LATE_CAPTURE_WINDOW = Duration.ofDays(1);

    private final JdbcOrders orders;
    private final PaymentGateway payments;
    private final SellingSeats inventory;
    private final PlacingOrder placing;
    private final Refunds refunds;
    private final Clock clock;
    private final Duration after;

    SettlingPendingPayments(JdbcOrders orders, PaymentGateway payments, SellingSeats inventory, PlacingOrder placing,
                            Refunds refunds, Clock clock, OrderingSettings settings) {
        Duration after = settings.ordering().recoveryAfter();
        this.orders = orders;
        this.payments = payments;
        this.inventory = inventory;
        this.placing = placing;
        this.refunds = refunds;
        this.clock = clock;
        this.after = after;
    }

    @Scheduled(fixedDelayString = "${boxoffice.ordering.recovery-interval}", initialDelayString = "${boxoffice.ordering.recovery-interval}")
    @SchedulerLock(name = "settle-pending-payments", lockAtMostFor = "PT5M")
    public void settle() {
        for (String orderId : orders.stuckPending(clock.instant().minus(after))) {
            try {
                settle(orderId);
            } catch (RuntimeException e) {
                log.warn("Could not settle order {} yet: {}", orderId, e.getMessage());
            }
        }
        for (String orderId : orders.failedUncharged(NEVER_CHARGED, clock.instant().minus(LATE_CAPTURE_WINDOW))) {
            try {
                refunds.refundCaptured(orderId);
            } catch (RuntimeException e) {
                log.warn("Could not check order {} for a late capture: {}", orderId, e.getMessage());
            }
        }
        for (String orderId : orders.pendingRefunds(clock.instant())) {
            try {
                refunds.settle(orderId);
            } catch (RuntimeException e) {
                log.warn("Refund of order {} still pending: {}", orderId, e.getMessage());
            }
        }
    }

    private void settle(String orderId) {
        Order order = orders.find(orderId).orElseThrow();
        if (payments.capturedAmount(orderId).isEmpty()) {
            orders.fail(orderId, NEVER_CHARGED, clock.instant());
            return;
        }
        inventory.storedHold(order.holdId()).ifPresent(hold -> {
            try {
                placing.settleCaptured(orderId, hold);
            } catch (Refused lost) {
                log.info("Order {} was charged but its seats were gone; refunded", orderId);
            }
        });
    }
}
