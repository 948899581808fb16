package org.boxoffice.ordering;

/**
 * The gateway paid an order's money back: after a cancellation, or because the seats were lost while the payment went
 * through (then the order is FAILED).
 */
public record PaymentRefunded(String orderId, String userId, long eventId) {
}
