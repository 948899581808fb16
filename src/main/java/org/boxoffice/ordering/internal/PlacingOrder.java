package org.boxoffice.ordering.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Event;
import org.boxoffice.inventory.Hold;
import org.boxoffice.inventory.HoldLostException;
import org.boxoffice.inventory.InventoryRefusal;
import org.boxoffice.inventory.SellingSeats;
import org.boxoffice.ordering.Order;
import org.boxoffice.ordering.OrderConfirmed;
import org.boxoffice.ordering.OrderStatus;
import org.boxoffice.ordering.OrderingRefusal;
import org.boxoffice.ordering.StoredResponse;
import org.boxoffice.payment.ChargeResult;
import org.boxoffice.payment.PaymentGateway;
import org.boxoffice.shared.TimeOrderedIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checkout: the order is written before the charge, the charge carries the order id as idempotency key,
 * and the sale is accepted only by the database (fencing token, one live ticket per seat). A charge whose
 * seats were lost meanwhile is refunded at once.
 */
@Component
public class PlacingOrder {
    private static final Logger log = LoggerFactory.getLogger(PlacingOrder.class);

    private final SellingSeats inventory;
    private final CatalogService catalog;
    private final JdbcOrders orders;
    private final PaymentGateway payments;
    private final OrderMetrics metrics;
    private final Refunds refunds;
    private final Clock clock;
    private final int maxFailedPayments;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    PlacingOrder(SellingSeats inventory, CatalogService catalog, JdbcOrders orders, PaymentGateway payments,
                 OrderMetrics metrics, Refunds refunds, Clock clock, TransactionTemplate transactions,
                 ApplicationEventPublisher events, OrderingSettings settings) {
        this.events = events;
        this.transactions = transactions;
        this.maxFailedPayments = settings.limits().failedPaymentsPerHold();
        this.refunds = refunds;
        this.inventory = inventory;
        this.catalog = catalog;
        this.orders = orders;
        this.payments = payments;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Checks out the caller's live hold. The idempotency key is claimed in the pending order's transaction and completed
     * in the confirmation's; refusals before the claim are thrown before anything is written (but a card's lock row).
     */
    public Order checkout(Hold hold, String paymentToken, CheckoutKey key) {
        Event event = catalog.requireEvent(hold.eventId());
        if (event.started(clock.instant())) {
            throw new InventoryRefusal.NotOnSale(hold.eventId(), event.onSaleAt()).refused(); // sales end when it starts
        }
        if (orders.failedPayments(hold.holdId()) >= maxFailedPayments) {
            metrics.failed("payment-attempts-exhausted");
            throw new OrderingRefusal.PaymentAttemptsExhausted(maxFailedPayments).refused();
        }
        String card = payments.fingerprint(paymentToken).orElse(null);
        String orderId = TimeOrderedIds.next();
        // the precision the database keeps, so that the answer given now and the order read later agree
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        recordPending(orderId, hold, event, card, createdAt, key);
        ChargeResult charge = payments.charge(orderId, hold.total(), paymentToken);
        return switch (charge) {
            case ChargeResult.Captured captured -> settleCaptured(orderId, hold, new Answering(createdAt, key));
            case ChargeResult.Declined declined -> {
                orders.fail(orderId, "payment declined: " + declined.reason(), clock.instant());
                metrics.failed("payment-declined");
                throw new OrderingRefusal.PaymentDeclined(orderId, hold.expiresAt()).refused();
            }
            case ChargeResult.GatewayError error -> {
                orders.fail(orderId, "payment gateway error", clock.instant());
                metrics.failed("gateway-error");
                throw new OrderingRefusal.PaymentGatewayFailed(orderId).refused();
            }
        };
    }

    /**
     * Writes the order before anything is charged, in one transaction with the claim of the idempotency key. When the
     * event caps seats per card, the card is locked for the event while its seats (sold and in checkouts still in
     * progress) are counted and this order is written, so that checkouts with one card at the same moment cannot pass
     * the cap together.
     */
    private void recordPending(String orderId, Hold hold, Event event, @Nullable String card, Instant now, CheckoutKey key) {
        Integer perCard = event.buyerLimits().seatsPerCard();
        boolean capped = perCard != null && card != null;
        if (capped) {
            orders.ensureCardLock(event.id(), card);
        }
        try {
            transactions.executeWithoutResult(tx -> {
                key.claimWithin();
                if (capped) {
                    orders.lockCard(event.id(), card);
                    if (orders.seatsPaidWithCard(event.id(), card) + hold.seats().size() > perCard) {
                        metrics.failed("card-limit");
                        throw new OrderingRefusal.SeatsPerCardExceeded(perCard).refused();
                    }
                }
                orders.insertPending(orderId, hold, card, now);
            });
        } catch (DuplicateKeyException e) {
            throw new OrderingRefusal.CheckoutInProgress(hold.holdId(), orders.liveOrderOfHold(hold.holdId()).orElse("")).refused();
        }
        key.claimCommitted();
    }

    /** Recovery's way in: a charge found captured for an order whose checkout did not finish. */
    public Order settleCaptured(String orderId, Hold hold) {
        return settleCaptured(orderId, hold, null);
    }

    /** A checkout that waits for the confirmation: its order's creation time, and the key its answer is stored with. */
    private record Answering(Instant createdAt, CheckoutKey key) {
    }

    /**
     * Turns a captured charge into a confirmed order. When the seats are no longer ours (expired, replaced by a
     * newer hold, sold meanwhile) or another path already failed the order, the charge is refunded. With a checkout's
     * key, the answer is stored with the confirmation and the order is answered from what was written, not read back.
     */
    private Order settleCaptured(String orderId, Hold hold, @Nullable Answering checkout) {
        Instant now = clock.instant();
        List<Order.Ticket> tickets = hold.seats().stream()
                .sorted(Comparator.comparingLong(Hold.HeldSeat::seatId))
                .map(seat -> new Order.Ticket(TimeOrderedIds.next(), seat.seatId(), seat.label(), seat.categoryId(), seat.price()))
                .toList();
        Order confirmedOrder = checkout == null ? null : new Order(orderId, hold.userId(), hold.eventId(), hold.holdId(),
                hold.fence(), OrderStatus.CONFIRMED, hold.total(), checkout.createdAt(), tickets, null, null);
        StoredResponse answer = checkout == null ? null : checkout.key().answer(confirmedOrder);
        boolean confirmed;
        try {
            // Confirmations share commits with other requests' writes (group commit).
            confirmed = inventory.sell(hold, () -> {
                if (!orders.confirm(orderId, hold.eventId(), tickets, now)) {
                    return false;
                }
                if (checkout != null) {
                    checkout.key().completeWithin(answer);
                }
                return true;
            }, () -> events.publishEvent(new OrderConfirmed(orderId, hold.userId(), hold.eventId())));
            // published in the transaction, after the sale's last write: the registry stores it with the sale
            if (confirmed && checkout != null) {
                checkout.key().completeCommitted(answer);
            }
        } catch (HoldLostException | DataIntegrityViolationException e) {
            log.info("Order {} lost its seats after payment ({}); refunding", orderId, e.getClass().getSimpleName());
            orders.failWithRefund(orderId, "seats lost before confirmation", hold.total(), clock.instant());
            inventory.discardHold(hold, e instanceof DataIntegrityViolationException);
            confirmed = false;
        }
        if (confirmed) {
            metrics.confirmed();
            return checkout != null ? confirmedOrder : orders.find(orderId).orElseThrow();
        }
        Order current = orders.find(orderId).orElseThrow();
        if (current.status() == OrderStatus.CONFIRMED) {
            return current; // another path (recovery) confirmed it first
        }
        refunds.refundCaptured(orderId);
        metrics.failed("hold-expired");
        throw new OrderingRefusal.SeatsLostAfterPayment(orderId).refused();
    }
}
