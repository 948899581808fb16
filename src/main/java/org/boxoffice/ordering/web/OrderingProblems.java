package org.boxoffice.ordering.web;

import java.util.Map;
import org.boxoffice.ordering.OrderingRefusal;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.infrastructure.web.ProblemTypes;
import org.springframework.stereotype.Component;

/**
 * Ordering's problem types. Two share a type with the inventory's, because to the buyer they are the same outcome:
 * {@code limit-exceeded} (here: seats per card) and {@code hold-expired} (here: after the charge, which was refunded).
 */
@Component
class OrderingProblems implements ProblemTypes<OrderingRefusal> {

    @Override
    public Class<OrderingRefusal> refusals() {
        return OrderingRefusal.class;
    }

    @Override
    public ApiProblem problem(OrderingRefusal refusal) {
        return switch (refusal) {
            case OrderingRefusal.OrderNotFound r -> ApiProblem.notFound("Order " + r.orderId());
            case OrderingRefusal.PaymentDeclined r -> new ApiProblem(402, "payment-declined", "Payment declined",
                    "The payment was declined; the hold stays valid until " + r.holdExpiresAt(),
                    Map.of("orderId", r.orderId(), "holdExpiresAt", r.holdExpiresAt().toString()));
            case OrderingRefusal.PaymentGatewayFailed r -> new ApiProblem(502, "payment-gateway-error", "Payment gateway error",
                    "The payment provider failed; nothing was charged. Try again.", Map.of("orderId", r.orderId()));
            case OrderingRefusal.PaymentAttemptsExhausted r -> ApiProblem.tooManyRequests("payment-attempts-exhausted",
                    "Too many payment attempts", "Payment failed " + r.failedPayments()
                            + " times for this hold; release it and hold seats again to retry", 60);
            case OrderingRefusal.SeatsPerCardExceeded r -> new ApiProblem(422, "limit-exceeded", "Limit exceeded",
                    "At most " + r.seatsPerCard() + " seats of this event may be paid with one card",
                    Map.of("seatsPerCard", r.seatsPerCard()));
            case OrderingRefusal.SeatsLostAfterPayment r -> new ApiProblem(410, "hold-expired", "Hold expired",
                    "The hold expired before the order could be confirmed; the payment has been refunded",
                    Map.of("orderId", r.orderId()));
            case OrderingRefusal.NotCancellable r -> new ApiProblem(409, "not-cancellable", "Not cancellable",
                    "The order cannot be cancelled: " + r.why());
            case OrderingRefusal.CheckoutsRateLimited r -> ApiProblem.tooManyRequests("rate-limited", "Too many requests",
                    "Too many checkouts; try again in " + r.retryAfterSeconds() + " s", r.retryAfterSeconds());
            case OrderingRefusal.IdempotencyKeyReused r -> new ApiProblem(422, "idempotency-key-reused",
                    "Idempotency key reused", "This Idempotency-Key was already used with a different request body");
            case OrderingRefusal.CheckoutInProgress r -> new ApiProblem(409, "checkout-in-progress", "Checkout in progress",
                    "Another checkout of hold " + r.holdId() + " is in progress or has completed", Map.of("orderId", r.orderId()));
            case OrderingRefusal.RequestInProgress r -> r.firstFailed()
                    ? new ApiProblem(409, "request-in-progress", "Request failed", "The first request with this key failed; retry it")
                    : new ApiProblem(409, "request-in-progress", "Request in progress",
                            "A request with this Idempotency-Key is still being processed; retry later");
        };
    }
}
