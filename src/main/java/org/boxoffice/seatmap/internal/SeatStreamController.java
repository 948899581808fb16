package org.boxoffice.seatmap.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.boxoffice.infrastructure.web.ClientAddress;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.shared.Ids;
import org.boxoffice.infrastructure.web.ContentCoding;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

@RestController
class SeatStreamController {
    private static final MediaType EVENT_STREAM = MediaType.parseMediaType("text/event-stream;charset=UTF-8");
    private final CatalogService catalog;
    private final SeatStreams streams;

    SeatStreamController(CatalogService catalog, SeatStreams streams) {
        this.catalog = catalog;
        this.streams = streams;
    }

    /** Server-Sent Events: a snapshot, then changes once a second; gzip-encoded when the client accepts gzip. */
    @GetMapping(path = "/api/v1/events/{eventId}/seats/stream", produces = "text/event-stream")
    ResponseEntity<ResponseBodyEmitter> stream(@PathVariable String eventId,
                                               @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
                                               @AuthenticationPrincipal @Nullable Jwt caller, HttpServletRequest request) {
        long id = Ids.require(eventId, "Event " + eventId);
        catalog.requireEvent(id);
        Long resumeFrom = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                resumeFrom = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                resumeFrom = null; // not one of ours: start over with a snapshot
            }
        }
        boolean gzip = ContentCoding.acceptsGzip(request);
        ResponseBodyEmitter emitter = streams.subscribe(id, resumeFrom, gzip, ClientAddress.of(request),
                caller == null ? null : caller.getSubject());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(EVENT_STREAM)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Accel-Buffering", "no") // proxies such as nginx must pass each event on at once
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (gzip) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response.body(emitter);
    }
}
