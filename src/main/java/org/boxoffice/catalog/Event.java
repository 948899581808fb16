package org.boxoffice.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An event as sold: where, when, for how much and under which limits. */
public record Event(long id, String name, String description, long venueId, String venueName,
                    Instant startsAt, Instant onSaleAt, int holdSeconds, int maxSeatsPerOrder, String currency,
                    boolean cancelled, List<Category> categories, WaitingRoomSettings waitingRoom, String organizerId,
                    BuyerLimits buyerLimits, boolean staticTicketCodes) {

    /** An event whose tickets may also carry a static code (for print and mail), as events do unless told otherwise. */
    public Event(long id, String name, String description, long venueId, String venueName, Instant startsAt, Instant onSaleAt,
                 int holdSeconds, int maxSeatsPerOrder, String currency, boolean cancelled, List<Category> categories,
                 WaitingRoomSettings waitingRoom, String organizerId, BuyerLimits buyerLimits) {
        this(id, name, description, venueId, venueName, startsAt, onSaleAt, holdSeconds, maxSeatsPerOrder, currency, cancelled,
                categories, waitingRoom, organizerId, buyerLimits, true);
    }

    /** An event without buyer limits beyond the per-order cap. */
    public Event(long id, String name, String description, long venueId, String venueName, Instant startsAt, Instant onSaleAt,
                 int holdSeconds, int maxSeatsPerOrder, String currency, boolean cancelled, List<Category> categories,
                 WaitingRoomSettings waitingRoom, String organizerId) {
        this(id, name, description, venueId, venueName, startsAt, onSaleAt, holdSeconds, maxSeatsPerOrder, currency, cancelled,
                categories, waitingRoom, organizerId, BuyerLimits.NONE);
    }

    public Event withCategories(List<Category> categories) {
        return new Event(id, name, description, venueId, venueName, startsAt, onSaleAt, holdSeconds, maxSeatsPerOrder, currency,
                cancelled, categories, waitingRoom, organizerId, buyerLimits, staticTicketCodes);
    }

    /** Seats can be held and bought from the on-sale time until the event starts, unless it is cancelled. */
    public boolean onSale(Instant now) {
        return !cancelled && !now.isBefore(onSaleAt) && now.isBefore(startsAt);
    }

    /** The waiting room takes buyers from the pre-queue's start until the event starts, unless the event is cancelled. */
    public boolean waitingRoomOpen(Instant now) {
        return waitingRoom.enabled() && !cancelled && now.isBefore(startsAt)
                && !now.isBefore(onSaleAt.minus(Duration.ofMinutes(waitingRoom.prequeueMinutes())));
    }

    public boolean started(Instant now) {
        return !now.isBefore(startsAt);
    }

    public Duration holdDuration() {
        return Duration.ofSeconds(holdSeconds);
    }

    public Optional<Category> category(long categoryId) {
        return categories.stream().filter(c -> c.id() == categoryId).findFirst();
    }

    public EventStatus status(Instant now, boolean soldOut) {
        if (cancelled) {
            return EventStatus.CANCELLED;
        }
        if (started(now)) {
            return EventStatus.CLOSED;
        }
        if (now.isBefore(onSaleAt)) {
            return EventStatus.SCHEDULED;
        }
        return soldOut ? EventStatus.SOLD_OUT : EventStatus.ON_SALE;
    }
}
