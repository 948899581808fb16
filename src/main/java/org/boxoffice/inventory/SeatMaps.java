package org.boxoffice.inventory;

import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.SeatingPlan;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Seat maps as readers get them. The whole map of an event is encoded once per version (change number) and shared:
 * a thousand readers of an unchanged event cost one encoding, and the memory of one copy.
 */
@Service
public class SeatMaps {
    private final CatalogService catalog;
    private final LiveSeats inventory;
    private final Map<Long, SeatMapDocument> latest = new ConcurrentHashMap<>();

    SeatMaps(CatalogService catalog, LiveSeats inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
    }

    /** The current whole map of the event. */
    public SeatMapDocument document(long eventId) {
        SeatingPlan plan = catalog.plan(eventId);
        SeatSnapshot snapshot = inventory.snapshot(eventId);
        SeatMapDocument cached = latest.get(eventId);
        if (cached != null && cached.seq() == snapshot.seq() && snapshot.seq() != 0) {
            return cached;
        }
        SeatMapDocument fresh = new SeatMapDocument(eventId, snapshot.seq(), SeatMapJson.encode(plan, snapshot));
        if (snapshot.seq() != 0) { // seq 0 is the database fallback while the live inventory is unreachable
            latest.put(eventId, fresh);
        }
        return fresh;
    }

    /** The seats of the event in one status, written as they are encoded. */
    public void write(long eventId, @Nullable SeatStatus only, OutputStream out) {
        SeatMapJson.write(catalog.plan(eventId), inventory.snapshot(eventId), only, out);
    }
}
