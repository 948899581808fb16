package org.boxoffice.ordering;

import java.time.Instant;
import org.boxoffice.shared.Refusal;

/** Why ordering said no; {@code ordering.web.OrderingProblems} tells the client. */
public sealed interface OrderingRefusal extends Refusal {

    /** No order of the caller's has this id. */
    record OrderNotFound(String orderId) implements OrderingRefusal {
    }

    /** The gateway declined the card; the hold stays valid until it expires. */
    record PaymentDeclined(String orderId, Instant holdExpiresAt) implements OrderingRefusal {
    }

    /** The gateway failed; nothing was charged. */
    record PaymentGatewayFailed(String orderId) implements OrderingRefusal {
    }

    record PaymentAttemptsExhausted(int failedPayments) implements OrderingRefusal {
    }

    /** More seats of the event than its organizer allows to be paid with one card. */
    record SeatsPerCardExceeded(int seatsPerCard) implements OrderingRefusal {
    }

    /** The charge went through but the seats were lost before the sale was confirmed; the payment was refunded. */
    record SeatsLostAfterPayment(String orderId) implements OrderingRefusal {
    }

    record NotCancellable(String why) implements OrderingRefusal {
    }

    /** The buyer started too many checkouts in the last minute. */
    record CheckoutsRateLimited(long retryAfterSeconds) implements OrderingRefusal {
    }

    /** The idempotency key was used before with another request body. */
    record IdempotencyKeyReused() implements OrderingRefusal {
    }

    /** The first request with this key is still running, or failed without an answer ({@code firstFailed}). */
    record RequestInProgress(boolean firstFailed) implements OrderingRefusal {
    }

    /** Another checkout of this hold is running or has completed, as order {@code orderId} (blank if unknown). */
    record CheckoutInProgress(String holdId, String orderId) implements OrderingRefusal {
    }
}
