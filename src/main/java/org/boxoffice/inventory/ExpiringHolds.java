package org.boxoffice.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Tidies expired holds: removes them from the live state, records them and counts them. Expiry itself does not wait
 * for this; every read and write already treats a hold as gone at its expiresAt.
 */
@Service
public class ExpiringHolds {
    private final SeatInventory inventory;
    private final Holds holds;
    private final HoldRecords records;
    private final Clock clock;
    private final HoldMetrics metrics;
    /** Holds drained from the live inventory whose recording failed (the database was away), for the next sweep. */
    private final BlockingQueue<LiveHold> unrecorded = new LinkedBlockingQueue<>();

    ExpiringHolds(SeatInventory inventory, Holds holds, HoldRecords records, Clock clock, HoldMetrics metrics) {
        this.inventory = inventory;
        this.holds = holds;
        this.records = records;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${boxoffice.inventory.sweep-interval}")
    void sweep() {
        expireDueHolds();
    }

    /**
     * Removes expired holds from the live state and records them. A hold that ran out in the live inventory although
     * the database sold it is a sale whose commit was not acknowledged (the database went away while committing it,
     * and the checkout answered 503): its seats are marked sold again before anyone else keeps them (a hold taken in
     * the moment between would fail at checkout on the database's constraints). Such a sale is looked up sooner, on the
     * next round, when its checkout saw the commit fail ({@link HoldRecords#saleInDoubt}).
     */
    public int expireDueHolds() {
        records.verifySalesMarkedAgain();
        records.followSalesInDoubt();
        List<LiveHold> expired = new ArrayList<>();
        unrecorded.drainTo(expired);
        try {
            expired.addAll(inventory.drainExpired(clock.instant()));
            if (!expired.isEmpty()) {
                record(expired);
            }
        } catch (RuntimeException e) {
            unrecorded.addAll(expired); // drained from the live inventory, so nobody else would look at them again
            throw e;
        }
        return expired.size();
    }

    private void record(List<LiveHold> expired) {
        List<String> ids = expired.stream().map(LiveHold::holdId).toList();
        holds.markExpired(ids);
        Set<String> sold = holds.soldAmong(ids);
        List<LiveHold> soldAgain = expired.stream().filter(hold -> sold.contains(hold.holdId())).toList();
        records.markSoldAgain(soldAgain);
        metrics.expired(expired.size() - soldAgain.size());
    }
}
