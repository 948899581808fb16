package org.boxoffice.ordering;

import java.time.Instant;
import org.boxoffice.shared.Money;

/** What an event sold in one minute (confirmed orders, by the time they were placed): seats and their revenue. */
public record SalesInMinute(Instant minute, int seats, Money revenue) {
}
