package org.boxoffice.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.SeatingPlan;
import org.springframework.stereotype.Service;

/** A buyer's own holds: read one, extend it (within its bound), release it. Anyone else's hold is not found. */
@Service
public class BuyerHolds {
    private final CatalogService catalog;
    private final SeatInventory inventory;
    private final Holds holds;
    private final HoldRecords records;
    private final Clock clock;
    private final HoldMetrics metrics;

    BuyerHolds(CatalogService catalog, SeatInventory inventory, Holds holds, HoldRecords records, Clock clock, HoldMetrics metrics) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.holds = holds;
        this.records = records;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The caller's live hold; refused as not found when it is someone else's, released, sold or expired. */
    public Hold find(String userId, String holdId) {
        LiveHold live = requireLive(userId, holdId);
        return Hold.of(catalog.plan(live.eventId()), live);
    }

    /** Moves the expiry one hold time ahead, never past twice the event's hold time from placing, nor past the event's start. */
    public Hold extend(String userId, String holdId) {
        LiveHold live = requireLive(userId, holdId);
        SeatingPlan plan = catalog.plan(live.eventId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!live.expiresAt().isBefore(live.maxExpiresAt())) {
            throw new InventoryRefusal.ExtensionLimitReached(live.maxExpiresAt()).refused();
        }
        Instant newExpiry = PlacingHolds.earliest(now.plus(plan.event().holdDuration()), live.maxExpiresAt());
        if (!newExpiry.isAfter(live.expiresAt())) {
            return Hold.of(plan, live);
        }
        LiveHold extended = inventory.extend(plan, holdId, newExpiry, now)
                .orElseThrow(() -> new InventoryRefusal.HoldNotFound(holdId).refused());
        holds.updateExpiry(holdId, extended.expiresAt());
        return Hold.of(plan, extended);
    }

    /** Gives the seats back at once. */
    public void release(String userId, String holdId) {
        LiveHold live = requireLive(userId, holdId);
        SeatingPlan plan = catalog.plan(live.eventId());
        // The durable record first: a crash in between must not bring the hold back on a rebuild.
        if (!holds.markReleased(holdId)) {
            // sold (or ended) in the database a moment ago: the live inventory follows the database, not the request
            records.follow(plan, holdId);
            throw new InventoryRefusal.HoldNotFound(holdId).refused();
        }
        if (inventory.release(plan, holdId, clock.instant())) {
            metrics.released();
        }
    }

    private LiveHold requireLive(String userId, String holdId) {
        return records.findLive(userId, holdId).orElseThrow(() -> new InventoryRefusal.HoldNotFound(holdId).refused());
    }
}
