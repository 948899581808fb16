package org.boxoffice.inventory;

import org.boxoffice.catalog.Event;
import org.jspecify.annotations.Nullable;

/**
 * Implemented by the waiting room: before a hold is placed for an event whose waiting room is active, the buyer
 * must present a valid admission token. Refuses ({@link org.boxoffice.shared.Refused}) when not.
 */
public interface AdmissionCheck {
    void requireAdmission(Event event, String userId, @Nullable String admissionToken);
}
