package org.boxoffice.ordering;

/** An order was cancelled by its buyer: its seats are for sale again and its money is due back. */
public record OrderCancelled(String orderId, String userId, long eventId) {
}
