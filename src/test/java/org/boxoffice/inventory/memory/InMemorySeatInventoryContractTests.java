package org.boxoffice.inventory.memory;

import java.time.Clock;
import java.time.ZoneOffset;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.SeatInventoryContract;

class InMemorySeatInventoryContractTests extends SeatInventoryContract {
    private final InMemorySeatInventory inventory =
            new InMemorySeatInventory(record, Clock.fixed(T0, ZoneOffset.UTC), event -> { });

    @Override
    protected SeatInventory inventory() {
        return inventory;
    }
}
