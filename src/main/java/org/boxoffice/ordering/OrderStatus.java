package org.boxoffice.ordering;

public enum OrderStatus {
    PENDING_PAYMENT, CONFIRMED, CANCELLED, FAILED
}
