package org.boxoffice.ordering.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.boxoffice.payment.PaymentGateway;
import org.boxoffice.payment.RefundResult;
import org.boxoffice.ordering.PaymentRefunded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Money going back. A refund is first recorded as due on the order (durable), then asked of the gateway by whoever
 * claims it first, so that a buyer's request and another node's recovery job do not both ask. A claimant that dies
 * or gets no answer leaves the refund to the recovery job once its claim runs out; the gateway keys refunds by order
 * id, so the rare repeat after such a death still moves the money once.
 */
@Component
public class Refunds {
    private final JdbcOrders orders;
    private final PaymentGateway payments;
    private final Clock clock;
    private final Duration claim;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    Refunds(JdbcOrders orders, PaymentGateway payments, Clock clock, OrderingSettings settings,
            PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.transactions = new TransactionTemplate(transactions);
        this.events = events;
        Duration claim = settings.ordering().refundClaim();
        this.orders = orders;
        this.payments = payments;
        this.clock = clock;
        this.claim = claim;
    }

    /** A failed order whose charge was captured anyway gets its money back. */
    public void refundCaptured(String orderId) {
        payments.capturedAmount(orderId).ifPresent(amount -> {
            orders.requireRefund(orderId, amount, clock.instant());
            settle(orderId);
        });
    }

    /** Asks the gateway for a refund recorded as due, unless someone else is asking it right now. */
    public void settle(String orderId) {
        Instant now = clock.instant();
        if (orders.claimRefund(orderId, now, now.plus(claim)) && payments.refund(orderId) instanceof RefundResult.Refunded) {
            transactions.executeWithoutResult(tx -> {
                // two callers whose claims overlapped (a slow gateway) both get here; the one that records it tells
                if (orders.refundSettled(orderId, "REFUNDED", clock.instant())) {
                    orders.find(orderId).ifPresent(order ->
                            events.publishEvent(new PaymentRefunded(orderId, order.userId(), order.eventId())));
                }
            });
        }
    }
}
