package org.boxoffice.inventory.memory;

import java.time.Clock;
import org.boxoffice.inventory.Holds;
import org.boxoffice.inventory.SeatInventory;

/** Lets tests outside the package (benchmarks) build the package-private adapter. */
public final class InMemorySeatInventoryFactory {
    private InMemorySeatInventoryFactory() {
    }

    public static SeatInventory create(Holds holds, Clock clock) {
        return new InMemorySeatInventory(holds, clock, event -> { });
    }
}
