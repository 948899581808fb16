package org.boxoffice.waitingroom.internal;

import org.boxoffice.shared.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The waiting room's public proof of fairness: no sign-in needed, since anyone may check it. */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/queue/fairness", produces = "application/json")
class FairnessController {
    private final QueueFairness fairness;
    private final FairnessReports reports;

    FairnessController(QueueFairness fairness, FairnessReports reports) {
        this.fairness = fairness;
        this.reports = reports;
    }

    record ReceiptRequest(@Nullable String receipt) {
    }

    @GetMapping
    ResponseEntity<QueueFairness.Published> published(@PathVariable String eventId) {
        QueueFairness.Published published = fairness.published(Ids.require(eventId, "Event " + eventId));
        // once revealed the answer never changes; before, the commitment does not either, but the reveal is coming
        CacheControl cache = published.revealed() ? CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic() : CacheControl.noCache();
        return ResponseEntity.ok().cacheControl(cache).body(published);
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
