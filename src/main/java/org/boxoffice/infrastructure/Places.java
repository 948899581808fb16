package org.boxoffice.infrastructure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Places taken per key (an address, a user) under a cap, counted exactly; a key with none taken is forgotten. */
public final class Places {
    private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();

    /** Takes a place for the key unless it already has {@code cap}; true when taken. */
    public boolean take(String key, int cap) {
        boolean[] took = new boolean[1];
        taken.compute(key, (k, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            took[0] = current.get() < cap;
            if (took[0]) {
                current.incrementAndGet();
            }
            return current.get() == 0 ? null : current;
        });
        return took[0];
    }

    /** Gives back a place taken for the key. */
    public void give(String key) {
        taken.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
