package org.boxoffice.ticketing.web;

import java.time.Instant;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;
import org.boxoffice.ticketing.CheckedIn;
import org.boxoffice.ticketing.CheckingIn;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The door: a scanner (role SCANNER) submits a code and gets the ticket let in, or why not. */
@RestController
class CheckinController {
    private final CheckingIn checkingIn;

    CheckinController(CheckingIn checkingIn) {
        this.checkingIn = checkingIn;
    }

    record CheckinRequest(@Nullable String barcode, @Nullable String eventId) {
    }

    record CheckinAnswer(String ticketId, String eventId, String seat, String status, Instant checkedInAt) {
    }

    @PostMapping(path = "/api/v1/checkin", consumes = "application/json", produces = "application/json")
    CheckinAnswer checkIn(@RequestBody CheckinRequest request, @AuthenticationPrincipal Jwt scanner) {
        if (request.barcode() == null || request.barcode().isBlank() || request.barcode().length() > 512) {
            throw ApiProblem.badRequest("barcode is required, at most 512 characters");
        }
        Long door = request.eventId() == null ? null : Ids.parse(request.eventId())
                .orElseThrow(() -> ApiProblem.badRequest("eventId " + request.eventId() + " is not an event id"));
        CheckedIn in = checkingIn.checkIn(request.barcode(), door, scanner.getSubject());
        return new CheckinAnswer(in.ticketId(), String.valueOf(in.eventId()), in.seat(), "CHECKED_IN", in.checkedInAt());
    }
}
