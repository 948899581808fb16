package org.boxoffice.ordering.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Event;
import org.boxoffice.inventory.Hold;
import org.boxoffice.inventory.HoldLostException;
import org.boxoffice.inventory.InventoryService;
import org.boxoffice.ordering.Order;
import org.boxoffice.ordering.OrderConfirmed;
import org.boxoffice.ordering.OrderStatus;
import org.boxoffice.payment.ChargeResult;
import org.boxoffice.payment.PaymentGateway;
import org.boxoffice.shared.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.boxoffice.shared.GroupCommit;

/**
 * Checkout: the order is written before the charge, the charge carries the order id as idempotency key,
 * and the sale is accepted only by the database (fencing token, one live ticket per seat). A charge whose
 * seats were lost meanwhile is refunded at once.
 */
@Component
public class PlacingOrder {
    private static final Logger log = LoggerFactory.getLogger(PlacingOrder.class);

    private final InventoryService inventory;
    private final CatalogService catalog;
    private final JdbcOrders orders;
    private final PaymentGateway payments;
    private final GroupCommit groupCommit;
    private final OrderMetrics metrics;
    private final Refunds refunds;
    private final Clock clock;
    private final int maxFailedPayments;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    PlacingOrder(InventoryService inventory, CatalogService catalog, JdbcOrders orders, PaymentGateway payments,
                 GroupCommit groupCommit, OrderMetrics metrics, Refunds refunds, Clock clock, TransactionTemplate transactions,
                 ApplicationEventPublisher events, @Value("${boxoffice.limits.failed-payments-per-hold:5}") int maxFailedPayments) {
        this.events = events;
        this.transactions = transactions;
        this.maxFailedPayments = maxFailedPayments;
        this.refunds = refunds;
        this.inventory = inventory;
        this.catalog = catalog;
        this.orders = orders;
        this.payments = payments;
        this.groupCommit = groupCommit;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Order checkout(String userId, String holdId, String paymentToken) {
        Hold hold = inventory.holdForCheckout(userId, holdId);
        Event event = catalog.requireEvent(hold.eventId());
        if (event.started(clock.instant())) {
            throw new ApiProblem(409, "not-on-sale", "Not on sale",
                    "Event " + hold.eventId() + " has started; its seats are no longer sold");
        }
        if (orders.failedPayments(holdId) >= maxFailedPayments) {
            metrics.failed("payment-attempts-exhausted");
            throw ApiProblem.tooManyRequests("payment-attempts-exhausted", "Too many payment attempts",
                    "Payment failed " + maxFailedPayments + " times for this hold; release it and hold seats again to retry", 60);
        }
        String card = payments.fingerprint(paymentToken).orElse(null);
        String orderId = UUID.randomUUID().toString();
        try {
            recordPending(orderId, hold, event, card);
        } catch (DuplicateKeyException e) {
            throw new ApiProblem(409, "checkout-in-progress", "Checkout in progress",
                    "Another checkout of hold " + holdId + " is in progress or has completed",
                    Map.of("orderId", orders.liveOrderOfHold(holdId).orElse("")));
        }
        ChargeResult charge = payments.charge(orderId, hold.total(), paymentToken);
        return switch (charge) {
            case ChargeResult.Captured captured -> settleCaptured(orderId, hold);
            case ChargeResult.Declined declined -> {
                orders.fail(orderId, "payment declined: " + declined.reason(), clock.instant());
                metrics.failed("payment-declined");
                throw new ApiProblem(402, "payment-declined", "Payment declined",
                        "The payment was declined; the hold stays valid until " + hold.expiresAt(),
                        Map.of("orderId", orderId, "holdExpiresAt", hold.expiresAt().toString()));
            }
            case ChargeResult.GatewayError error -> {
                orders.fail(orderId, "payment gateway error", clock.instant());
                metrics.failed("gateway-error");
                throw new ApiProblem(502, "payment-gateway-error", "Payment gateway error",
                        "The payment provider failed; nothing was charged. Try again.", Map.of("orderId", orderId));
            }
        };
    }

    /**
     * Writes the order before anything is charged. When the event caps seats per card, the card is locked for the
     * event while its seats (sold and in checkouts still in progress) are counted and this order is written, so that
     * checkouts with one card at the same moment cannot pass the cap together.
     */
    private void recordPending(String orderId, Hold hold, Event event, @Nullable String card) {
        Integer perCard = event.buyerLimits().seatsPerCard();
        if (perCard == null || card == null) {
            orders.insertPending(orderId, hold, card, clock.instant());
            return;
        }
        orders.ensureCardLock(event.id(), card);
        transactions.executeWithoutResult(tx -> {
            orders.lockCard(event.id(), card);
            if (orders.seatsPaidWithCard(event.id(), card) + hold.seats().size() > perCard) {
                metrics.failed("card-limit");
                throw new ApiProblem(422, "limit-exceeded", "Limit exceeded",
                        "At most " + perCard + " seats of this event may be paid with one card", Map.of("seatsPerCard", perCard));
            }
            orders.insertPending(orderId, hold, card, clock.instant());
        });
    }

    /**
     * Turns a captured charge into a confirmed order. When the seats are no longer ours (expired, replaced by a
     * newer hold, sold meanwhile) or another path already failed the order, the charge is refunded.
     */
    public Order settleCaptured(String orderId, Hold hold) {
        Instant now = clock.instant();
        boolean confirmed;
        try {
            // Confirmations share commits with other requests' writes (group commit), each in its own savepoint.
            confirmed = groupCommit.submit(() -> {
                if (!orders.confirm(orderId, hold, now)) {
                    return false;
                }
                inventory.confirmSale(hold);
                return true;
            });
            if (confirmed) {
                try {
                    inventory.saleCommitted(hold);
                } catch (RuntimeException e) {
                    // the sale is committed; the live inventory catches up on its own (rebuild from the database)
                    log.warn("Live inventory missed the sale of order {}: {}", orderId, e.getMessage());
                }
            }
        } catch (HoldLostException | DataIntegrityViolationException e) {
            log.info("Order {} lost its seats after payment ({}); refunding", orderId, e.getClass().getSimpleName());
            orders.failWithRefund(orderId, "seats lost before confirmation", hold.total(), clock.instant());
            inventory.discardHold(hold, e instanceof DataIntegrityViolationException);
            confirmed = false;
        }
        Order current = orders.find(orderId).orElseThrow();
        if (confirmed) {
            metrics.confirmed();
            events.publishEvent(new OrderConfirmed(orderId, hold.userId(), hold.eventId()));
            return current;
        }
        if (current.status() == OrderStatus.CONFIRMED) {
            return current; // another path (recovery) confirmed it first
        }
        refunds.refundCaptured(orderId);
        metrics.failed("hold-expired");
        throw new ApiProblem(410, "hold-expired", "Hold expired",
                "The hold expired before the order could be confirmed; the payment has been refunded",
                Map.of("orderId", orderId));
    }
}
