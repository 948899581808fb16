package org.boxoffice.ticketing.web;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Event;
import org.boxoffice.infrastructure.web.Callers;
import org.boxoffice.shared.Ids;
import org.boxoffice.ticketing.Attendance;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The organizer's view of the door: how many are in, and the attendee list as CSV. */
@RestController
class AttendanceController {
    /** A cell a spreadsheet would run as a formula: such a cell is written with a leading apostrophe. */
    private static final Pattern FORMULA = Pattern.compile("^[=+\\-@\\t\\r].*", Pattern.DOTALL);
    private final CatalogService catalog;
    private final Attendance attendance;

    AttendanceController(CatalogService catalog, Attendance attendance) {
        this.catalog = catalog;
        this.attendance = attendance;
    }

    record CheckinCounts(String eventId, int tickets, int checkedIn) {
    }

    @GetMapping(path = "/api/v1/admin/events/{eventId}/checkins", produces = "application/json")
    CheckinCounts counts(@PathVariable String eventId, @AuthenticationPrincipal Jwt caller) {
        Attendance.Counts counts = attendance.counts(ownEvent(eventId, caller).id());
        return new CheckinCounts(eventId, counts.tickets(), counts.checkedIn());
    }

    @GetMapping(path = "/api/v1/admin/events/{eventId}/attendees.csv", produces = "text/csv")
    ResponseEntity<String> attendees(@PathVariable String eventId, @AuthenticationPrincipal Jwt caller) {
        Event event = ownEvent(eventId, caller);
        StringBuilder csv = new StringBuilder("ticketId,orderId,seat,holder,email,checkedInAt\r\n");
        for (Attendance.Attendee a : attendance.attendees(event.id())) {
            csv.append(String.join(",", List.of(cell(a.ticketId()), cell(a.orderId()), cell(a.seat()), cell(a.holder()),
                    cell(a.email()), cell(a.checkedInAt())))).append("\r\n");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"attendees-" + event.id() + ".csv\"")
                .body(csv.toString());
    }

    private Event ownEvent(String eventId, Jwt caller) {
        return catalog.requireOwnEvent(Ids.require(eventId, "Event " + eventId), caller.getSubject(), Callers.isAdmin(caller));
    }

    /** RFC 4180 quoting, and no cell that a spreadsheet would take for a formula (a buyer chooses their own name). */
    private static String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Instant at ? at.toString() : value.toString();
        if (FORMULA.matcher(text).matches()) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
