package org.boxoffice.catalog.internal;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.boxoffice.catalog.BuyerLimits;
import org.boxoffice.catalog.CatalogRefusal;
import org.boxoffice.catalog.NewEvent;
import org.boxoffice.catalog.VenueLayout;
import org.boxoffice.catalog.WaitingRoomSettings;

/** The rules a venue layout and an event must satisfy before anything is stored. */
public final class EventRules {
    public static final int MAX_SEATS_PER_VENUE = 200_000;
    public static final int MAX_SEATS_PER_ROW = 1_000;

    private EventRules() {
    }

    public static void checkVenue(VenueLayout layout) {
        require(layout.name() != null && !layout.name().isBlank() && layout.name().length() <= 200, "name must be 1..200 characters");
        require(layout.sections() != null && !layout.sections().isEmpty(), "sections must not be empty");
        Set<String> sectionNames = new HashSet<>();
        long seats = 0;
        for (VenueLayout.Section section : layout.sections()) {
            require(section != null && section.name() != null && !section.name().isBlank() && section.name().length() <= 100,
                    "every section needs a name of 1..100 characters");
            require(sectionNames.add(section.name()), "section names must be unique: " + section.name());
            require(section.rows() != null && !section.rows().isEmpty(), "section " + section.name() + " has no rows");
            Set<String> rowLabels = new HashSet<>();
            for (VenueLayout.Row row : section.rows()) {
                require(row != null && row.label() != null && !row.label().isBlank() && row.label().length() <= 20,
                        "every row needs a label of 1..20 characters");
                require(rowLabels.add(row.label()), "row labels must be unique within section " + section.name());
                require(row.seats() >= 1 && row.seats() <= MAX_SEATS_PER_ROW,
                        "row " + row.label() + " must have 1.." + MAX_SEATS_PER_ROW + " seats");
                seats += row.seats();
            }
        }
        require(seats <= MAX_SEATS_PER_VENUE, "a venue has at most " + MAX_SEATS_PER_VENUE + " seats");
    }

    public static void checkEvent(NewEvent event, List<String> venueSections) {
        require(event.name() != null && !event.name().isBlank() && event.name().length() <= 200, "name must be 1..200 characters");
        require(event.description() == null || event.description().length() <= 4000, "description is at most 4000 characters");
        require(event.startsAt() != null && event.onSaleAt() != null, "startsAt and onSaleAt are required");
        require(event.onSaleAt().isBefore(event.startsAt()), "onSaleAt must be before startsAt");
        require(event.maxSeatsPerOrder() == null || (event.maxSeatsPerOrder() >= 1 && event.maxSeatsPerOrder() <= 100),
                "maxSeatsPerOrder must be 1..100");
        require(event.holdSeconds() == null || (event.holdSeconds() >= 1 && event.holdSeconds() <= 86_400),
                "holdSeconds must be 1..86400");
        require(event.categories() != null && !event.categories().isEmpty(), "categories must not be empty");
        Set<String> names = new HashSet<>();
        Set<String> covered = new HashSet<>();
        String currency = null;
        for (NewEvent.NewCategory category : event.categories()) {
            require(category != null && category.name() != null && !category.name().isBlank() && category.name().length() <= 100,
                    "every category needs a name of 1..100 characters");
            require(names.add(category.name()), "category names must be unique: " + category.name());
            require(category.price() != null, "category " + category.name() + " needs a price");
            require(category.price().amount().signum() >= 0 && category.price().amount().compareTo(new BigDecimal("1000000")) < 0,
                    "prices must be between 0 and 999999.99");
            require(category.price().currency().matches("[A-Z]{3}"), "currency must be an ISO 4217 code such as EUR");
            require(currency == null || currency.equals(category.price().currency()), "all categories must use one currency");
            currency = category.price().currency();
            require(category.sections() != null && !category.sections().isEmpty(), "category " + category.name() + " needs sections");
            for (String section : category.sections()) {
                require(venueSections.contains(section), "the venue has no section " + section);
                require(covered.add(section), "section " + section + " is in more than one category");
            }
        }
        BuyerLimits limits = event.buyerLimits();
        if (limits != null) {
            require(limits.seatsPerAddressPerHour() == null || (limits.seatsPerAddressPerHour() >= 1 && limits.seatsPerAddressPerHour() <= 100_000),
                    "buyerLimits.seatsPerAddressPerHour must be 1..100000");
            require(limits.seatsPerCard() == null || (limits.seatsPerCard() >= 1 && limits.seatsPerCard() <= 10_000),
                    "buyerLimits.seatsPerCard must be 1..10000");
            require(limits.holdsPerBuyerPerHour() == null || (limits.holdsPerBuyerPerHour() >= 1 && limits.holdsPerBuyerPerHour() <= 10_000),
                    "buyerLimits.holdsPerBuyerPerHour must be 1..10000");
        }
        WaitingRoomSettings room = event.waitingRoom();
        if (room != null) {
            require(room.admitPerMinute() >= 1 && room.admitPerMinute() <= 1_000_000, "waitingRoom.admitPerMinute must be 1..1000000");
            require(room.maxActiveUsers() >= 1 && room.maxActiveUsers() <= 10_000_000, "waitingRoom.maxActiveUsers must be 1..10000000");
            require(room.prequeueMinutes() >= 0 && room.prequeueMinutes() <= 10_080, "waitingRoom.prequeueMinutes must be 0..10080");
            require(room.proofOfWorkMaxNumber() >= 1 && room.proofOfWorkMaxNumber() <= 100_000_000,
                    "waitingRoom.proofOfWorkMaxNumber must be 1..100000000");
        }
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new CatalogRefusal.BrokenRule(detail).refused();
        }
    }
}
