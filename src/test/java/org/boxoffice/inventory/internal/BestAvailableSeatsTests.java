package org.boxoffice.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.boxoffice.catalog.Category;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.catalog.WaitingRoomSettings;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.shared.Money;
import org.junit.jupiter.api.Test;

class BestAvailableSeatsTests {

    /** Rows of the given lengths in section "A" (category 1), then rows in section "B" (category 2). */
    private static SeatingPlan plan(int[] rowsA, int[] rowsB) {
        List<Seat> seats = new ArrayList<>();
        long id = 1;
        int rowIndex = 0;
        for (int length : rowsA) {
            for (int n = 1; n <= length; n++) {
                seats.add(new Seat(id++, "A", String.valueOf(rowIndex + 1), rowIndex, n, "A-" + rowIndex + "-" + n, n, rowIndex, 1L));
            }
            rowIndex++;
        }
        for (int length : rowsB) {
            for (int n = 1; n <= length; n++) {
                seats.add(new Seat(id++, "B", String.valueOf(rowIndex + 1), rowIndex, n, "B-" + rowIndex + "-" + n, n, rowIndex, 2L));
            }
            rowIndex++;
        }
        Event event = new Event(1, "e", "", 1, "v", Instant.EPOCH.plusSeconds(7200), Instant.EPOCH, 600, 8, "EUR", false,
                List.of(new Category(1, "A", Money.of("10.00", "EUR"), List.of("A")),
                        new Category(2, "B", Money.of("5.00", "EUR"), List.of("B"))),
                WaitingRoomSettings.DISABLED, "organizer");
        return new SeatingPlan(event, seats);
    }

    private static Set<Integer> positions(int[] chosen) {
        return chosen == null ? null : IntStream.of(chosen).boxed().collect(Collectors.toSet());
    }

    @Test
    void choosesAdjacentSeatsInTheFrontRow() {
        SeatingPlan plan = plan(new int[] {10, 10}, new int[] {});

        int[] chosen = BestAvailableSeats.choose(plan, new BestSeatsRequest(3, null, null), p -> true);

        assertThat(chosen).hasSize(3);
        assertThat(IntStream.of(chosen).map(p -> plan.seat(p).rowIndex()).distinct().count()).isEqualTo(1);
        assertThat(plan.seat(chosen[0]).rowIndex()).isZero();
        assertThat(plan.seat(chosen[2]).number() - plan.seat(chosen[0]).number()).isEqualTo(2);
    }

    @Test
    void neverStrandsASingleSeatWhenAnotherPlacementExists() {
        // Row 0 has seats 1..5 with seat 1 taken: free run 2..5. Taking 2..4 would strand seat 5 and taking 3..5
        // would strand seat 2, so the front row has no clean placement for 3; row 1 (all free) has one.
        SeatingPlan plan = plan(new int[] {5, 5}, new int[] {});
        Set<Integer> taken = Set.of(0);

        int[] chosen = BestAvailableSeats.choose(plan, new BestSeatsRequest(3, null, null), p -> !taken.contains(p));

        assertThat(IntStream.of(chosen).map(p -> plan.seat(p).rowIndex()).distinct().toArray()).containsExactly(1);
        // within row 1, seats 1..3 or 3..5 leave two seats together, never one
        assertThat(positions(chosen)).isIn(Set.of(5, 6, 7), Set.of(7, 8, 9));
    }

    @Test
    void prefersAFlushPlacementThatLeavesNoOrphanInTheSameRow() {
        // Row of 6, seat 1 taken: free 2..6 (5 seats). For 3 seats, 2..4 leaves 5..6 (a pair) and 4..6 leaves 2..3:
        // both clean; 3..5 would strand 2 and 6.
        SeatingPlan plan = plan(new int[] {6}, new int[] {});

        int[] chosen = BestAvailableSeats.choose(plan, new BestSeatsRequest(3, null, null), p -> p != 0);

        assertThat(positions(chosen)).isIn(Set.of(1, 2, 3), Set.of(3, 4, 5));
    }

    @Test
    void acceptsAnOrphanOnlyWhenNothingElseFits() {
        // Only row: 4 seats, seat 1 taken, 3 free (2..4); asking 2 must strand one seat, and that is the only choice.
        SeatingPlan plan = plan(new int[] {4}, new int[] {});

        int[] chosen = BestAvailableSeats.choose(plan, new BestSeatsRequest(2, null, null), p -> p != 0);

        assertThat(chosen).hasSize(2);
        assertThat(positions(chosen)).isIn(Set.of(1, 2), Set.of(2, 3));
    }

    @Test
    void keepsToTheRequestedCategoryAndSection() {
        SeatingPlan plan = plan(new int[] {4}, new int[] {4});

        int[] byCategory = BestAvailableSeats.choose(plan, new BestSeatsRequest(2, 2L, null), p -> true);
        int[] bySection = BestAvailableSeats.choose(plan, new BestSeatsRequest(2, null, "B"), p -> true);

        assertThat(IntStream.of(byCategory).mapToObj(p -> plan.seat(p).section())).containsOnly("B");
        assertThat(IntStream.of(bySection).mapToObj(p -> plan.seat(p).section())).containsOnly("B");
    }

    @Test
    void findsNothingWhenNoRowHasEnoughAdjacentSeats() {
        // Two rows of 4 with the middle seats taken: free seats exist, but never 3 side by side.
        SeatingPlan plan = plan(new int[] {4, 4}, new int[] {});
        Set<Integer> taken = Set.of(1, 5);

        assertThat(BestAvailableSeats.choose(plan, new BestSeatsRequest(3, null, null), p -> !taken.contains(p))).isNull();
    }

    @Test
    void doesNotJoinSeatsAcrossAGapInNumbering() {
        // seats with numbers 1,2 then 5,6 in the same row are two pairs, not four adjacent seats
        List<Seat> seats = List.of(
                new Seat(1, "A", "1", 0, 1, "1", 0, 0, 1L), new Seat(2, "A", "1", 0, 2, "2", 0, 0, 1L),
                new Seat(3, "A", "1", 0, 5, "5", 0, 0, 1L), new Seat(4, "A", "1", 0, 6, "6", 0, 0, 1L));
        SeatingPlan plan = new SeatingPlan(plan(new int[] {1}, new int[] {}).event(), seats);

        assertThat(BestAvailableSeats.choose(plan, new BestSeatsRequest(3, null, null), p -> true)).isNull();
    }

    @Test
    void choosesWhatAFullSearchChoosesWhileSkippingFullRowsAndStoppingEarly() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 500; round++) {
            SeatingPlan plan = plan(new int[] {8, 6, 9, 3, 10, 7}, new int[] {5, 8, 4});
            boolean[] free = new boolean[plan.size()];
            double fill = random.nextDouble();
            for (int p = 0; p < free.length; p++) {
                free[p] = random.nextDouble() > fill;
            }
            int[] freeInRow = new int[plan.rows()];
            for (int p = 0; p < free.length; p++) {
                freeInRow[plan.rowOf(p)] += free[p] ? 1 : 0;
            }
            BestSeatsRequest request = new BestSeatsRequest(1 + random.nextInt(4), random.nextBoolean() ? null : 2L, null);

            int[] expected = fullSearch(plan, request, free);

            assertThat(BestAvailableSeats.choose(plan, request, p -> free[p])).as("round %d", round).isEqualTo(expected);
            assertThat(BestAvailableSeats.choose(plan, request, p -> free[p], row -> freeInRow[row])).as("round %d", round)
                    .isEqualTo(expected);
        }
    }

    @Test
    void passesOverRowsThatReportTooFewFreeSeats() {
        SeatingPlan plan = plan(new int[] {5, 5}, new int[] {});

        int[] chosen = BestAvailableSeats.choose(plan, new BestSeatsRequest(2, null, null), p -> true, row -> row == 0 ? 1 : 5);

        assertThat(IntStream.of(chosen).map(p -> plan.seat(p).rowIndex()).distinct().toArray()).containsExactly(1);
    }

    /** The policy as documented, by looking at every placement: no stranded single seat, front row, flush, centre. */
    private static int[] fullSearch(SeatingPlan plan, BestSeatsRequest request, boolean[] free) {
        int[] best = null;
        long[] bestKey = null;
        for (int start = 0; start + request.quantity() <= plan.size(); start++) {
            Seat first = plan.seat(start);
            boolean fits = request.categoryId() == null || request.categoryId().equals(first.categoryId());
            for (int k = 0; k < request.quantity() && fits; k++) {
                Seat seat = plan.seat(start + k);
                fits = free[start + k] && seat.rowIndex() == first.rowIndex() && seat.number() == first.number() + k;
            }
            if (!fits) {
                continue;
            }
            int left = freeBeside(plan, free, start, -1);
            int right = freeBeside(plan, free, start + request.quantity() - 1, 1);
            int rowStart = start;
            while (rowStart > 0 && plan.seat(rowStart - 1).rowIndex() == first.rowIndex()) {
                rowStart--;
            }
            int rowEnd = start;
            while (rowEnd + 1 < plan.size() && plan.seat(rowEnd + 1).rowIndex() == first.rowIndex()) {
                rowEnd++;
            }
            long[] key = {left == 1 || right == 1 ? 1 : 0, first.rowIndex(), (left > 0 ? 1 : 0) + (right > 0 ? 1 : 0),
                    Math.abs(2L * start + request.quantity() - 1 - rowStart - rowEnd)};
            if (bestKey == null || java.util.Arrays.compare(key, bestKey) < 0) {
                bestKey = key;
                best = IntStream.range(start, start + request.quantity()).toArray();
            }
        }
        return best;
    }

    /** Free seats side by side with the seat at {@code from}, walking in {@code step} direction within its row. */
    private static int freeBeside(SeatingPlan plan, boolean[] free, int from, int step) {
        int count = 0;
        for (int p = from + step; p >= 0 && p < plan.size() && free[p]
                && plan.seat(p).rowIndex() == plan.seat(from).rowIndex()
                && Math.abs(plan.seat(p).number() - plan.seat(p - step).number()) == 1; p += step) {
            count++;
        }
        return count;
    }
}
