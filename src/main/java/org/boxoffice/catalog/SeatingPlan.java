package org.boxoffice.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All seats of an event in venue order (section, row, number); immutable once the event exists. */
public final class SeatingPlan {
    private final Event event;
    private final List<Seat> seats;
    private final Map<Long, Integer> positions;

    public SeatingPlan(Event event, List<Seat> seats) {
        this.event = event;
        this.seats = List.copyOf(seats);
        this.positions = new HashMap<>(seats.size() * 2);
        for (int i = 0; i < seats.size(); i++) {
            positions.put(seats.get(i).id(), i);
        }
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
}
