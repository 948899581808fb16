package org.boxoffice.inventory.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.boxoffice.inventory.SeatMap;
import org.boxoffice.inventory.SeatMapDocument;
import org.boxoffice.inventory.SeatMaps;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;
import org.boxoffice.infrastructure.web.ContentCoding;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public seat map: the layout with each seat's live status, answered from the inventory, not the database. The
 * whole map is one shared document per version, with an ETag (the change number) and gzip when the client takes it;
 * a map filtered by status is written as it is encoded.
 */
@RestController
class SeatMapController {
    private final SeatMaps seatMaps;

    SeatMapController(SeatMaps seatMaps) {
        this.seatMaps = seatMaps;
    }

    @GetMapping(path = "/api/v1/events/{eventId}/seats", produces = "application/json")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SeatMap.class)))
    void seats(@PathVariable String eventId, @RequestParam(required = false) @Nullable String status,
               HttpServletRequest request, HttpServletResponse response) throws IOException {
        long id = Ids.require(eventId, "Event " + eventId);
        SeatStatus only = status == null ? null : parse(status);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (only != null) {
            seatMaps.write(id, only, response.getOutputStream());
            return;
        }
        SeatMapDocument document = seatMaps.document(id);
        String etag = "\"" + document.seq() + "\"";
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (document.seq() != 0 && ContentCoding.unchanged(request, etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        ContentCoding.write(request, response, document.json(), document::gzip);
    }

    private static SeatStatus parse(String status) {
        try {
            return SeatStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("status must be one of AVAILABLE, HELD, SOLD, BLOCKED");
        }
    }
}
