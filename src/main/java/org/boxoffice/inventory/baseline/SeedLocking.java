package org.boxoffice.inventory.baseline;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The three ways the seed design considered to make one seat go to one buyer, each run as a whole inventory so
 * that it can be measured through the same HTTP API as the live one. Benchmark baselines, not for production.
 */
public enum SeedLocking {
    /** {@code SELECT … FOR UPDATE} on the seat rows, then update them, in one transaction. */
    FOR_UPDATE("seed-for-update"),
    /** Read the rows without locks, then update each only if its version is still the one read. */
    OPTIMISTIC("seed-optimistic"),
    /** A Redis {@code SET NX PXAT} lock per seat, then a synchronous database update guarded by the seat's status. */
    SET_NX("seed-set-nx");

    private final String setting;

    SeedLocking(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    public static SeedLocking of(String setting) {
        return Arrays.stream(values()).filter(locking -> locking.setting.equals(setting)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("boxoffice.inventory.strategy (BOXOFFICE_INVENTORY_STRATEGY) is '"
                        + setting + "'; it must be live or one of the seed baselines "
                        + Arrays.stream(values()).map(SeedLocking::setting).collect(Collectors.joining(", "))));
    }
}
