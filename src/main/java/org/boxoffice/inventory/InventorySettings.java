package org.boxoffice.inventory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The inventory's settings ({@code boxoffice.inventory.*}); defaults and environment variables in
 * {@code application.yml}. Read by annotations (the sweeper's schedule, the strategy's conditions) rather than
 * injected; the record documents them and checks their types at start.
 *
 * @param sweepInterval how often expired holds are tidied up (expiry itself is exact without it)
 * @param strategy live (in-process or Redis), or a seed baseline for benchmarks:
 *                      seed-for-update, seed-optimistic, seed-set-nx
 */
@ConfigurationProperties("boxoffice.inventory")
public record InventorySettings(Duration sweepInterval, String strategy) {
}
