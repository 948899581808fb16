package org.boxoffice.seatmap.internal;

import org.boxoffice.catalog.CatalogService;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class SeatStreamController {
    private final CatalogService catalog;
    private final SeatStreams streams;

    SeatStreamController(CatalogService catalog, SeatStreams streams) {
        this.catalog = catalog;
        this.streams = streams;
    }

    @GetMapping(path = "/api/v1/events/{eventId}/seats/stream", produces = "text/event-stream")
    SseEmitter stream(@PathVariable String eventId,
                      @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
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
        return streams.subscribe(id, resumeFrom);
    }
}
