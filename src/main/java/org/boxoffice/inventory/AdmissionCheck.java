package org.boxoffice.inventory;

import org.boxoffice.catalog.Event;
import org.jspecify.annotations.Nullable;

/**
 * Implemented by the waiting room: before a hold is placed for an event whose waiting room is active, the buyer
 * must present a valid admission token. Refuses ({@link org.boxoffice.shared.Refused}) when not.
 */
public interface AdmissionCheck {
    void requireAdmission(Event event, String userId, @Nullable String admissionToken);

    /**
     * The buyer's purchase for the event committed (told on the buyer's request thread, right after the commit). A
     * buyer who has bought leaves the room's active buyers at once, so that the place goes to the next in line.
     */
    default void purchased(Event event, String userId) {
    }
}
