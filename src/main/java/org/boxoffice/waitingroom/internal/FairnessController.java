package org.boxoffice.waitingroom.internal;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.infrastructure.web.ContentCoding;
import org.boxoffice.shared.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The waiting room's public proof of fairness: no sign-in needed, since anyone may check it. Once revealed, the
 * published data of an event never changes, and with a large pre-queue it is tens of megabytes of JSON: each node
 * writes it once, keeps it (and its gzip), and answers with it and an ETag, so that a crowd of checkers costs copies
 * of bytes, not serialisations.
 */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/queue/fairness", produces = "application/json")
class FairnessController {
    private final QueueFairness fairness;
    private final FairnessReports reports;
    private final JsonMapper json;
    private final Map<Long, Body> revealed = new ConcurrentHashMap<>();

    FairnessController(QueueFairness fairness, FairnessReports reports, JsonMapper json) {
        this.fairness = fairness;
        this.reports = reports;
        this.json = json;
    }

    record ReceiptRequest(@Nullable String receipt) {
    }

    /** A revealed answer as written once: the JSON, its gzip, and the tag that names it. */
    private record Body(byte[] json, byte[] gzip, String etag) {
    }

    @GetMapping
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = QueueFairness.Published.class)))
    void published(@PathVariable String eventId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        long id = Ids.require(eventId, "Event " + eventId);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        Body cached = revealed.get(id);
        if (cached == null) {
            QueueFairness.Published published = fairness.published(id);
            if (!published.revealed()) {
                // the commitment never changes, but the reveal is coming: ask again each time
                response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
                json.writeValue(response.getOutputStream(), published);
                return;
            }
            cached = revealed.computeIfAbsent(id, key -> body(published));
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
        response.setHeader(HttpHeaders.ETAG, cached.etag());
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (ContentCoding.unchanged(request, cached.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        ContentCoding.write(request, response, cached.json(), cached::gzip);
    }

    private Body body(QueueFairness.Published published) {
        byte[] bytes = json.writeValueAsBytes(published);
        return new Body(bytes, ContentCoding.gzip(bytes), "\"" + published.commitment() + "-revealed\"");
    }

    @PostMapping(path = "/receipt", consumes = "application/json")
    QueueFairness.Place place(@PathVariable String eventId, @RequestBody ReceiptRequest request) {
        return fairness.place(Ids.require(eventId, "Event " + eventId), request.receipt());
    }

    @GetMapping("/report")
    FairnessReports.Report report(@PathVariable String eventId) {
        return reports.report(Ids.require(eventId, "Event " + eventId));
    }
}
