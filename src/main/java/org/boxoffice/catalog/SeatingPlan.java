package org.boxoffice.catalog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All seats of an event in venue order (section, row, number); immutable once the event exists. */
public final class SeatingPlan {
    private final Event event;
    private final List<Seat> seats;
    private final Map<Long, Integer> positions;
    private final long[] seatIds;
    /** Where each row starts, plus the end of the last: rows are runs of seats with one rowIndex. */
    private final int[] rowStarts;
    /** Whether a seat's number follows the one before it in the same row, so that the two sit side by side. */
    private final boolean[] besidePrevious;

    public SeatingPlan(Event event, List<Seat> seats) {
        this.event = event;
        this.seats = List.copyOf(seats);
        this.positions = new HashMap<>(seats.size() * 2);
        this.seatIds = new long[seats.size()];
        for (int i = 0; i < seats.size(); i++) {
            positions.put(seats.get(i).id(), i);
            seatIds[i] = seats.get(i).id();
        }
        int[] starts = new int[this.seats.size() + 1];
        int rows = 0;
        this.besidePrevious = new boolean[this.seats.size()];
        for (int i = 0; i < this.seats.size(); i++) {
            Seat seat = this.seats.get(i);
            boolean sameRow = i > 0 && this.seats.get(i - 1).rowIndex() == seat.rowIndex();
            if (!sameRow) {
                starts[rows++] = i;
            }
            besidePrevious[i] = sameRow && this.seats.get(i - 1).number() + 1 == seat.number();
        }
        starts[rows] = this.seats.size();
        this.rowStarts = Arrays.copyOf(starts, rows + 1);
    }

    public Event event() {
        return event;
    }

    public List<Seat> seats() {
        return seats;
    }

    public int size() {
        return seats.size();
    }

    /** The seat's position in venue order, or -1 when the seat is not part of this event. */
    public int positionOf(long seatId) {
        Integer position = positions.get(seatId);
        return position == null ? -1 : position;
    }

    public Seat seat(int position) {
        return seats.get(position);
    }

    /** The id of the seat at this position, without reaching for its record. */
    public long seatId(int position) {
        return seatIds[position];
    }

    public int rows() {
        return rowStarts.length - 1;
    }

    /** The first position of the row (rows counted in venue order from 0). */
    public int rowStart(int row) {
        return rowStarts[row];
    }

    /** The position after the row's last seat. */
    public int rowEnd(int row) {
        return rowStarts[row + 1];
    }

    /** The row (counted in venue order from 0) of the seat at this position. */
    public int rowOf(int position) {
        int found = Arrays.binarySearch(rowStarts, 0, rowStarts.length - 1, position);
        return found >= 0 ? found : -found - 2;
    }

    /** Whether the seat at this position sits right beside the one before it in venue order. */
    public boolean besidePrevious(int position) {
        return besidePrevious[position];
    }
}
