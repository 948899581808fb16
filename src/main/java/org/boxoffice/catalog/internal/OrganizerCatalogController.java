package org.boxoffice.catalog.internal;

import org.boxoffice.catalog.VenueCreated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.boxoffice.catalog.BuyerLimits;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.NewEvent;
import org.boxoffice.catalog.VenueLayout;
import org.boxoffice.catalog.VenueSummary;
import org.boxoffice.catalog.WaitingRoomSettings;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;
import org.boxoffice.shared.Money;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Organizer commands: venues and events. Guarded by role ORGANIZER or ADMIN. */
@RestController
@RequestMapping(path = "/api/v1/admin", produces = "application/json")
class OrganizerCatalogController {
    private static final int MAX_VENUES_LISTED = 200;
    private final CatalogService catalog;

    OrganizerCatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    record CategoryRequest(String name, Money price, List<String> sections) {
    }

    record WaitingRoomRequest(boolean enabled, @Nullable Integer admitPerMinute, @Nullable Integer maxActiveUsers,
                              @Nullable Integer prequeueMinutes, @Nullable Long proofOfWorkMaxNumber) {
        WaitingRoomSettings settings() {
            WaitingRoomSettings d = WaitingRoomSettings.DISABLED;
            return new WaitingRoomSettings(enabled,
                    admitPerMinute != null ? admitPerMinute : d.admitPerMinute(),
                    maxActiveUsers != null ? maxActiveUsers : d.maxActiveUsers(),
                    prequeueMinutes != null ? prequeueMinutes : d.prequeueMinutes(),
                    proofOfWorkMaxNumber != null ? proofOfWorkMaxNumber : d.proofOfWorkMaxNumber());
        }
    }

    record BuyerLimitsRequest(@Nullable Boolean requireVerifiedEmail, @Nullable Integer seatsPerAddressPerHour,
                              @Nullable Integer seatsPerCard, @Nullable Integer holdsPerBuyerPerHour) {
        BuyerLimits limits() {
            return new BuyerLimits(Boolean.TRUE.equals(requireVerifiedEmail), seatsPerAddressPerHour, seatsPerCard,
                    holdsPerBuyerPerHour);
        }
    }

    record EventRequest(@NotNull String venueId, @NotNull String name, @Nullable String description,
                        @NotNull Instant startsAt, @NotNull Instant onSaleAt, @NotNull List<CategoryRequest> categories,
                        @Nullable Integer maxSeatsPerOrder, @Nullable Integer holdSeconds,
                        @Nullable WaitingRoomRequest waitingRoom, @Nullable BuyerLimitsRequest buyerLimits,
                        @Nullable Boolean staticTicketCodes) {
    }

    @PostMapping(path = "/venues", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createVenue(@RequestBody VenueLayout layout) {
        VenueCreated created = catalog.createVenue(layout);
        return Map.of("venueId", String.valueOf(created.venueId()), "seatCount", created.seatCount());
    }

    record VenueView(String id, String name, int seatCount, List<VenueSummary.Section> sections) {
    }

    record VenueList(List<VenueView> items) {
    }

    /** The newest venues, for the event form's choice of venue and its sections. */
    @GetMapping("/venues")
    VenueList venues() {
        return new VenueList(catalog.venues(MAX_VENUES_LISTED).stream()
                .map(v -> new VenueView(String.valueOf(v.id()), v.name(), v.seatCount(), v.sections())).toList());
    }

    @PostMapping(path = "/events", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createEvent(@Valid @RequestBody EventRequest request, @AuthenticationPrincipal Jwt caller) {
        long venueId = Ids.parse(request.venueId())
                .orElseThrow(() -> ApiProblem.badRequest("unknown-venue", "Venue " + request.venueId() + " does not exist"));
        List<NewEvent.NewCategory> categories = request.categories().stream()
                .map(c -> c == null ? null : new NewEvent.NewCategory(c.name(), c.price(), c.sections()))
                .toList();
        NewEvent event = new NewEvent(venueId, request.name(), request.description(), request.startsAt(), request.onSaleAt(),
                categories, request.maxSeatsPerOrder(), request.holdSeconds(),
                request.waitingRoom() == null ? null : request.waitingRoom().settings(),
                request.buyerLimits() == null ? null : request.buyerLimits().limits(), request.staticTicketCodes());
        return Map.of("eventId", String.valueOf(catalog.createEvent(event, caller.getSubject())));
    }
}
