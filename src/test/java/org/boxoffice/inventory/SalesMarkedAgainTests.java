package org.boxoffice.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.boxoffice.catalog.Category;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.catalog.WaitingRoomSettings;
import org.boxoffice.inventory.memory.InMemorySeatInventoryFactory;
import org.boxoffice.shared.Money;
import org.junit.jupiter.api.Test;

/**
 * A sale the live inventory did not hear of is marked sold again when its hold runs out, and the mark is undone when the
 * order was cancelled meanwhile: its return ran while the seats were still held and changed nothing.
 */
class SalesMarkedAgainTests {
    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    private final RecordingHolds database = new RecordingHolds();
    private final SeatInventory inventory = InMemorySeatInventoryFactory.create(database, Clock.fixed(T0, ZoneOffset.UTC));
    private final SeatingPlan plan = plan();
    private final SalesMarkedAgain marks = new SalesMarkedAgain(inventory, database, eventId -> plan);

    @Test
    void seatsTheDatabaseStillHasSoldStaySold() {
        LiveHold hold = ranOut();
        database.soldHolds.add(hold.holdId());

        marks.mark(List.of(hold));

        assertThat(inventory.snapshot(plan, T0).status(0)).isEqualTo(SeatStatus.SOLD);
    }

    @Test
    void aMarkThatRacedACancellationIsUndone() {
        LiveHold hold = ranOut(); // sold when the sweep looked, cancelled before the mark was checked

        marks.mark(List.of(hold));

        assertThat(inventory.snapshot(plan, T0).status(0)).isEqualTo(SeatStatus.AVAILABLE);
    }

    @Test
    void aCheckTheDatabaseCouldNotAnswerIsMadeOnTheNextSweep() {
        LiveHold hold = ranOut();
        database.soldAmongFailures = 1;
        assertThatThrownBy(() -> marks.mark(List.of(hold))).as("the database is away").isInstanceOf(RuntimeException.class);
        assertThat(inventory.snapshot(plan, T0).status(0)).as("marked, not yet checked").isEqualTo(SeatStatus.SOLD);

        marks.verify();

        assertThat(inventory.snapshot(plan, T0).status(0)).isEqualTo(SeatStatus.AVAILABLE);
    }

    /** A hold on seat 0 that the live inventory let run out. */
    private LiveHold ranOut() {
        PlaceResult placed = inventory.place(plan, "hold-1", "alice", new int[] {0}, 4, T0.minusSeconds(600), T0.minusMillis(1),
                T0.minusMillis(1));
        assertThat(placed).isInstanceOf(PlaceResult.Placed.class);
        assertThat(inventory.snapshot(plan, T0).status(0)).isEqualTo(SeatStatus.AVAILABLE);
        return ((PlaceResult.Placed) placed).hold();
    }

    private static SeatingPlan plan() {
        List<Seat> seats = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            seats.add(new Seat(700 + n, "A", "1", 0, n, "A-1-" + n, n, 0, 1L));
        }
        Event event = new Event(7, "marks", "", 1, "v", T0.plus(Duration.ofDays(30)), T0.minusSeconds(3600), 600, 4, "EUR",
                false, List.of(new Category(1, "A", Money.of("10.00", "EUR"), List.of("A"))), WaitingRoomSettings.DISABLED, "o");
        return new SeatingPlan(event, seats);
    }
}
