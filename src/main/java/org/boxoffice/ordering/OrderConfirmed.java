package org.boxoffice.ordering;

/**
 * An order was confirmed: its seats are sold to the buyer. Published inside the confirming transaction, so that the
 * event publication registry keeps it with the sale (listeners run after the commit, and again after a crash).
 */
public record OrderConfirmed(String orderId, String userId, long eventId) {
}
