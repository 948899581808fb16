package org.boxoffice.inventory.internal;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.random.RandomGenerator;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BestSeatsRequest;

/**
 * Best-available policy: {@code quantity} adjacent seats in one row, front rows first, matching the requested
 * category or section. A placement that would leave a single seat stranded between taken seats (or between a
 * taken seat and the row's end) is chosen only when no other placement exists. Among equals, a placement flush
 * against a taken seat or the row's end wins, so rows are not fragmented, then the one nearest the row's centre.
 */
public final class BestAvailableSeats {
    private static final int ORPHAN_SHIFT = 60;

    private BestAvailableSeats() {
    }

    /** Returns the chosen positions, or null when no row has enough adjacent free seats. */
    public static int[] choose(SeatingPlan plan, BestSeatsRequest request, IntPredicate free) {
        return chooseAmong(plan, request, free, EVERY_ROW_MAY_FIT, 1, null);
    }

    /**
     * Like {@link #choose}, with the number of free seats per row (or more, never fewer): rows that cannot fit the
     * request are passed over without reading their seats, which keeps the search short when the front rows are sold.
     */
    public static int[] choose(SeatingPlan plan, BestSeatsRequest request, IntPredicate free, IntUnaryOperator freeInRow) {
        return chooseAmong(plan, request, free, freeInRow, 1, null);
    }

    /**
     * Like {@link #choose}, but picks at random among the {@code among} best placements: buyers who lost a race for
     * the best block spread over the next ones instead of all rushing the same one again.
     */
    public static int[] chooseAmong(SeatingPlan plan, BestSeatsRequest request, IntPredicate free, int among,
                                    RandomGenerator random) {
        return chooseAmong(plan, request, free, EVERY_ROW_MAY_FIT, among, random);
    }

    private static final IntUnaryOperator EVERY_ROW_MAY_FIT = row -> Integer.MAX_VALUE;

    /** {@link #chooseAmong} that passes over rows with fewer free seats than asked for, as {@code freeInRow} counts them. */
    public static int[] chooseAmong(SeatingPlan plan, BestSeatsRequest request, IntPredicate free, IntUnaryOperator freeInRow,
                                    int among, RandomGenerator random) {
        int quantity = request.quantity();
        long[] bestCosts = new long[among];
        int[] bestStarts = new int[among];
        Arrays.fill(bestCosts, Long.MAX_VALUE);
        int found = 0;
        for (int row = 0; row < plan.rows(); row++) {
            // Rows rank before everything but stranded seats: once enough clean placements are found, later rows lose.
            if (found == among && bestCosts[among - 1] >>> ORPHAN_SHIFT == 0) {
                break;
            }
            int rowStart = plan.rowStart(row);
            int rowEnd = plan.rowEnd(row);
            if (freeInRow.applyAsInt(row) < quantity || !matches(plan.seat(rowStart), request)) {
                continue;
            }
            long rowOrder = Math.min(row, (1 << 23) - 1);
            int rowCentre2 = rowStart + rowEnd - 1; // twice the centre position, to stay in integers
            int run = rowStart;
            while (run < rowEnd) {
                if (!free.test(run)) {
                    run++;
                    continue;
                }
                int runEnd = run + 1;
                while (runEnd < rowEnd && plan.besidePrevious(runEnd) && free.test(runEnd)) {
                    runEnd++;
                }
                int length = runEnd - run;
                for (int offset = 0; offset + quantity <= length; offset++) {
                    int left = offset;
                    int right = length - quantity - offset;
                    long orphan = (left == 1 || right == 1) ? 1 : 0;
                    long fragments = (left > 0 ? 1 : 0) + (right > 0 ? 1 : 0);
                    int start = run + offset;
                    long centreDistance = Math.abs(2L * start + quantity - 1 - rowCentre2);
                    long cost = (orphan << ORPHAN_SHIFT) | (rowOrder << 36) | (fragments << 32) | centreDistance;
                    if (cost < bestCosts[among - 1]) {
                        int k = among - 1;
                        while (k > 0 && bestCosts[k - 1] > cost) {
                            bestCosts[k] = bestCosts[k - 1];
                            bestStarts[k] = bestStarts[k - 1];
                            k--;
                        }
                        bestCosts[k] = cost;
                        bestStarts[k] = start;
                        found = Math.min(found + 1, among);
                    }
                }
                run = runEnd;
            }
        }
        if (found == 0) {
            return null;
        }
        int bestStart = bestStarts[found == 1 ? 0 : random.nextInt(found)];
        int[] chosen = new int[quantity];
        for (int k = 0; k < quantity; k++) {
            chosen[k] = bestStart + k;
        }
        return chosen;
    }

    private static boolean matches(Seat seat, BestSeatsRequest request) {
        if (seat.categoryId() == null) {
            return false;
        }
        if (request.categoryId() != null && !request.categoryId().equals(seat.categoryId())) {
            return false;
        }
        return request.section() == null || request.section().equals(seat.section());
    }
}
