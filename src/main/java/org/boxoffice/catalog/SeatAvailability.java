package org.boxoffice.catalog;

/** Implemented by the inventory, so that browse can say SOLD_OUT without the catalog knowing seat state. */
public interface SeatAvailability {
    boolean soldOut(long eventId);
}
