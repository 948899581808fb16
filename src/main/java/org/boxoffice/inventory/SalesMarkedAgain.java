package org.boxoffice.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongFunction;
import org.boxoffice.catalog.SeatingPlan;

/**
 * Sales the database committed but the live inventory did not hear of (the commit's answer was lost): their seats are
 * marked sold again when their hold runs out or is touched, then checked to be still sold. An order cancelled meanwhile
 * had its return run while the seats were still held, which changes nothing, so the mark is undone. When the check
 * cannot be made (the database is away), it is made on the next sweep.
 */
final class SalesMarkedAgain {
    private final SeatInventory inventory;
    private final Holds holds;
    private final LongFunction<SeatingPlan> plans;
    /** Marked, not yet checked against a cancellation that raced the mark. */
    private final BlockingQueue<LiveHold> unverified = new LinkedBlockingQueue<>();

    SalesMarkedAgain(SeatInventory inventory, Holds holds, LongFunction<SeatingPlan> plans) {
        this.inventory = inventory;
        this.holds = holds;
        this.plans = plans;
    }

    void mark(List<LiveHold> sold) {
        for (LiveHold hold : sold) {
            inventory.markSold(plans.apply(hold.eventId()), hold);
        }
        unverified.addAll(sold);
        verify();
    }

    void verify() {
        List<LiveHold> marked = new ArrayList<>();
        unverified.drainTo(marked);
        if (marked.isEmpty()) {
            return;
        }
        try {
            Set<String> stillSold = holds.soldAmong(marked.stream().map(LiveHold::holdId).toList());
            marked.stream().filter(hold -> !stillSold.contains(hold.holdId()))
                    .forEach(hold -> inventory.returnSold(plans.apply(hold.eventId()), hold.userId(), hold.positions()));
        } catch (RuntimeException e) {
            unverified.addAll(marked);
            throw e;
        }
    }
}
