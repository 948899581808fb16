package org.boxoffice.catalog;

import java.util.List;

/** A venue as an organizer describes it: named sections of labelled rows with a seat count each. */
public record VenueLayout(String name, List<Section> sections) {
    public record Section(String name, List<Row> rows) {
    }

    public record Row(String label, int seats) {
    }
}
