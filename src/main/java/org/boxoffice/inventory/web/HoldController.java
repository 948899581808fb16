package org.boxoffice.inventory.web;

import jakarta.servlet.http.HttpServletRequest;
import org.boxoffice.infrastructure.web.ClientAddress;
import org.boxoffice.inventory.Buyer;

import java.time.Instant;
import java.util.List;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BuyerHolds;
import org.boxoffice.inventory.Hold;
import org.boxoffice.inventory.PlacingHolds;
import org.boxoffice.shared.Ids;
import org.boxoffice.shared.Money;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HoldController {
    private final CatalogService catalog;
    private final PlacingHolds placing;
    private final BuyerHolds holds;

    HoldController(CatalogService catalog, PlacingHolds placing, BuyerHolds holds) {
        this.catalog = catalog;
        this.placing = placing;
        this.holds = holds;
    }

    record SeatView(String id, String label, String categoryId, Money price) {
    }

    record HoldView(String holdId, String eventId, List<SeatView> seats, Money total, Instant expiresAt, Instant maxExpiresAt) {
        static HoldView of(Hold hold) {
            return new HoldView(hold.holdId(), String.valueOf(hold.eventId()),
                    hold.seats().stream().map(s -> new SeatView(String.valueOf(s.seatId()), s.label(),
                            String.valueOf(s.categoryId()), s.price())).toList(),
                    hold.total(), hold.expiresAt(), hold.maxExpiresAt());
        }
    }

    @PostMapping(path = "/api/v1/events/{eventId}/holds", consumes = "application/json", produces = "application/json")
    ResponseEntity<HoldView> place(@PathVariable String eventId, @RequestBody HoldRequest request,
                                   @RequestHeader(name = "Admission-Token", required = false) @Nullable String admissionToken,
                                   @AuthenticationPrincipal Jwt caller, HttpServletRequest http) {
        long id = Ids.require(eventId, "Event " + eventId);
        Buyer buyer = new Buyer(caller.getSubject(), ClientAddress.of(http), Boolean.TRUE.equals(caller.getClaimAsBoolean("email_verified")));
        SeatingPlan plan = catalog.plan(id);
        Hold hold = placing.place(buyer, plan, request.choice(plan), admissionToken);
        return ResponseEntity.status(HttpStatus.CREATED).body(HoldView.of(hold));
    }

    @GetMapping(path = "/api/v1/holds/{holdId}", produces = "application/json")
    HoldView get(@PathVariable String holdId, @AuthenticationPrincipal Jwt caller) {
        return HoldView.of(holds.find(caller.getSubject(), holdId));
    }

    @PostMapping(path = "/api/v1/holds/{holdId}/extend", produces = "application/json")
    HoldView extend(@PathVariable String holdId, @AuthenticationPrincipal Jwt caller) {
        return HoldView.of(holds.extend(caller.getSubject(), holdId));
    }

    @DeleteMapping("/api/v1/holds/{holdId}")
    ResponseEntity<Void> release(@PathVariable String holdId, @AuthenticationPrincipal Jwt caller) {
        holds.release(caller.getSubject(), holdId);
        return ResponseEntity.noContent().build();
    }
}
