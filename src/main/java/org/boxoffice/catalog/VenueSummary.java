package org.boxoffice.catalog;

import java.util.List;

/** A venue as organizers pick it for an event: its sections, each with its rows and seats. */
public record VenueSummary(long id, String name, int seatCount, List<Section> sections) {

    public record Section(String name, int rows, int seats) {
    }
}
