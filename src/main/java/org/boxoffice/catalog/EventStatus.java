package org.boxoffice.catalog;

public enum EventStatus {
    SCHEDULED, ON_SALE, SOLD_OUT, CLOSED, CANCELLED
}
