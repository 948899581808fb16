package org.boxoffice.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** JDBC drivers agree on OffsetDateTime for TIMESTAMP WITH TIME ZONE, not on Instant. */
public final class Timestamps {
    private Timestamps() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static final java.time.format.DateTimeFormatter FOR_PEOPLE =
            java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'", java.util.Locale.ENGLISH)
                    .withZone(java.time.ZoneOffset.UTC);

    /** An instant as mails and printed tickets show it: "Tuesday 5 January 2027, 16:55 UTC". */
    public static String forPeople(Instant instant) {
        return FOR_PEOPLE.format(instant);
    }
}
