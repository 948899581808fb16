package org.boxoffice.infrastructure;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * When many requests need the same missing thing at once (an on-sale opening, a Redis that lost an event), one of them
 * loads it and the others wait for that load instead of repeating it. A failed load fails its waiters too; the next
 * request tries again.
 */
public final class OneLoadAtATime<K, V> {
    private final Map<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

    public V load(K key, Supplier<V> loader) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> other = running.putIfAbsent(key, mine);
        if (other != null) {
            try {
                return other.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            V loaded = loader.get();
            mine.complete(loaded);
            return loaded;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }
}
