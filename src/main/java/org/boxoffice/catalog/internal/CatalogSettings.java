package org.boxoffice.catalog.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The catalog's settings; defaults and environment variables in {@code application.yml}. */
@ConfigurationProperties("boxoffice")
record CatalogSettings(Limits limits) {

    /** @param holdsPerBuyerPerHour default of an event's buyerLimits.holdsPerBuyerPerHour */
    public record Limits(int holdsPerBuyerPerHour) {
    }
}
