package org.boxoffice.catalog;

import java.util.List;
import org.boxoffice.shared.Money;

/** A price category of an event and the venue sections it covers. */
public record Category(long id, String name, Money price, List<String> sections) {
}
