package org.boxoffice.ordering;

/** An order was confirmed: its seats are sold to the buyer (published after the confirmation committed). */
public record OrderConfirmed(String orderId, String userId, long eventId) {
}
