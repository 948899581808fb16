package org.boxoffice.ordering.internal;

import java.time.Clock;
import org.boxoffice.ordering.Order;
import org.boxoffice.payment.PaymentGateway;
import org.boxoffice.payment.RefundResult;
import org.springframework.stereotype.Component;

/**
 * Money going back. A refund is first recorded as due on the order (durable), then asked of the gateway,
 * which keys it by order id; the recovery job repeats the request until the gateway confirms it.
 */
@Component
public class Refunds {
    private final JdbcOrders orders;
    private final PaymentGateway payments;
    private final Clock clock;

    Refunds(JdbcOrders orders, PaymentGateway payments, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.clock = clock;
    }

    /** A failed order whose charge was captured anyway gets its money back. */
    public void refundCaptured(String orderId) {
        payments.capturedAmount(orderId).ifPresent(amount -> {
            orders.requireRefund(orderId, amount, clock.instant());
            settle(orderId);
        });
    }

    /** Asks the gateway for a refund recorded as due; harmless to repeat. */
    public void settle(String orderId) {
        Order current = orders.find(orderId).orElseThrow();
        if (current.refund() != null && "PENDING".equals(current.refund().status())
                && payments.refund(orderId) instanceof RefundResult.Refunded) {
            orders.refundSettled(orderId, "REFUNDED", clock.instant());
        }
    }
}
