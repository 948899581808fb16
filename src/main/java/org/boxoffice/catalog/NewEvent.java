package org.boxoffice.catalog;

import java.time.Instant;
import java.util.List;
import org.boxoffice.shared.Money;
import org.jspecify.annotations.Nullable;

/** What an organizer gives to create an event. */
public record NewEvent(long venueId, String name, @Nullable String description, Instant startsAt, Instant onSaleAt,
                       List<NewCategory> categories, @Nullable Integer maxSeatsPerOrder, @Nullable Integer holdSeconds,
                       @Nullable WaitingRoomSettings waitingRoom, @Nullable BuyerLimits buyerLimits,
                       @Nullable Boolean staticTicketCodes) {

    public NewEvent(long venueId, String name, @Nullable String description, Instant startsAt, Instant onSaleAt,
                    List<NewCategory> categories, @Nullable Integer maxSeatsPerOrder, @Nullable Integer holdSeconds,
                    @Nullable WaitingRoomSettings waitingRoom, @Nullable BuyerLimits buyerLimits) {
        this(venueId, name, description, startsAt, onSaleAt, categories, maxSeatsPerOrder, holdSeconds, waitingRoom, buyerLimits,
                null);
    }

    public NewEvent(long venueId, String name, @Nullable String description, Instant startsAt, Instant onSaleAt,
                    List<NewCategory> categories, @Nullable Integer maxSeatsPerOrder, @Nullable Integer holdSeconds,
                    @Nullable WaitingRoomSettings waitingRoom) {
        this(venueId, name, description, startsAt, onSaleAt, categories, maxSeatsPerOrder, holdSeconds, waitingRoom, null, null);
    }

    public record NewCategory(String name, Money price, List<String> sections) {
    }
}
