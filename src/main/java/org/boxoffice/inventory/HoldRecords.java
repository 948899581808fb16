package org.boxoffice.inventory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.SeatingPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The live inventory follows the database's record of each hold: a hold the database sold or ended is no live hold,
 * whatever the live inventory still keeps. Shared by the use cases that touch an existing hold.
 */
@Component
class HoldRecords {
    private static final Logger log = LoggerFactory.getLogger(HoldRecords.class);

    private final CatalogService catalog;
    private final SeatInventory inventory;
    private final Holds holds;
    private final Clock clock;
    private final SalesMarkedAgain salesMarkedAgain;
    private final Queue<SaleInDoubt> salesInDoubt = new ConcurrentLinkedQueue<>();

    private record SaleInDoubt(SeatingPlan plan, String holdId) {
    }

    HoldRecords(CatalogService catalog, SeatInventory inventory, Holds holds, Clock clock) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.holds = holds;
        this.clock = clock;
        this.salesMarkedAgain = new SalesMarkedAgain(inventory, holds, catalog::plan);
    }

    /** A live hold only while the database still calls it active: a sale committed unheard is no hold to extend or release. */
    Optional<LiveHold> findLive(String userId, String holdId) {
        return holds.find(holdId)
                .filter(stored -> stored.userId().equals(userId))
                .flatMap(stored -> {
                    SeatingPlan plan = catalog.plan(stored.eventId());
                    Optional<LiveHold> live = inventory.find(plan, holdId, clock.instant());
                    if (live.isPresent() && !Holds.ACTIVE.equals(stored.status())) {
                        follow(plan, stored, live.get());
                        return Optional.empty();
                    }
                    return live;
                });
    }

    /** Once the database no longer calls the hold active, the live inventory follows what the database says of it. */
    void follow(SeatingPlan plan, String holdId) {
        holds.find(holdId).filter(stored -> !Holds.ACTIVE.equals(stored.status()))
                .ifPresent(stored -> inventory.find(plan, holdId, clock.instant()).ifPresent(live -> follow(plan, stored, live)));
    }

    /**
     * A sale whose commit failed to report: the database may have made it all the same (the connection broke while
     * committing), and then the live inventory would show the seats held until the hold ran out. Followed on the
     * sweeper's next rounds, once the database answers.
     */
    void saleInDoubt(SeatingPlan plan, String holdId) {
        salesInDoubt.add(new SaleInDoubt(plan, holdId));
    }

    /** Follows each sale in doubt; while the database is away this throws, and the rest wait for the next round. */
    void followSalesInDoubt() {
        for (SaleInDoubt sale = salesInDoubt.peek(); sale != null; sale = salesInDoubt.peek()) {
            follow(sale.plan(), sale.holdId());
            salesInDoubt.remove(sale);
        }
    }

    /** Holds that ran out in the live inventory although the database sold them: their seats are marked sold again. */
    void markSoldAgain(List<LiveHold> sold) {
        sold.forEach(hold -> log.warn("Hold {} ran out in the live inventory although the database sold it", hold.holdId()));
        salesMarkedAgain.mark(sold);
    }

    /** Checks the sales marked again earlier against cancellations that raced them (retried while the database is away). */
    void verifySalesMarkedAgain() {
        salesMarkedAgain.verify();
    }

    /** Brings a hold that the live inventory still keeps, but the database sold or ended, in line with the database. */
    private void follow(SeatingPlan plan, Holds.StoredHold stored, LiveHold live) {
        if (Holds.SOLD.equals(stored.status())) {
            log.warn("Hold {} is live in the inventory although the database sold it: marking its seats sold", live.holdId());
            salesMarkedAgain.mark(List.of(live));
        } else {
            inventory.release(plan, live.holdId(), clock.instant());
        }
    }
}
