package org.boxoffice.account.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.boxoffice.shared.Unavailable;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * bcrypt, on a few platform threads of its own with a short queue. A hash costs tens of milliseconds of CPU: run on
 * the request's virtual thread, a dozen password guesses at once would hold every carrier thread and stall all other
 * requests; here they take at most {@code threads} cores, and when the queue is full the caller is told to retry
 * (503) instead of waiting. A check against an unknown account hashes too, so that it takes as long as a known one.
 */
@Component
public class PasswordHashing implements DisposableBean {
    private final PasswordEncoder encoder;
    private final ThreadPoolExecutor pool;
    /** Hashed off the start path (a bcrypt hash in a JVM that has not compiled it yet takes half a second). */
    private @Nullable Future<String> decoy;
    private final Counter refused;

    @Autowired
    PasswordHashing(AccountSettings settings, MeterRegistry registry) {
        this(settings.auth().bcryptCost(), settings.auth().hashingThreads(), settings.auth().hashingQueue(), registry);
    }

    PasswordHashing(int cost, int threads, int queue, MeterRegistry registry) {
        this.encoder = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(cost)));
        int size = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.pool = new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(queue),
                Thread.ofPlatform().name("password-hashing-", 0).daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
        this.refused = Counter.builder("boxoffice.auth.hashing.refused")
                .description("Sign-ins and registrations refused because password hashing was saturated").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void hashDecoy() {
        decoy();
    }

    private synchronized Future<String> decoy() {
        if (decoy == null) {
            decoy = CompletableFuture.supplyAsync(() -> encoder.encode(UUID.randomUUID().toString()),
                    work -> Thread.ofPlatform().daemon().name("decoy-hash").start(work)); // loads bcrypt's classes: see PasswordPolicy.warmUp
        }
        return decoy;
    }

    public String encode(String password) {
        return run(() -> encoder.encode(password));
    }

    /** Whether the password matches the hash; with no hash (unknown account) it compares against a decoy, as slowly. */
    public boolean matches(String password, @Nullable String hash) {
        Future<String> decoyHash = hash == null ? decoy() : null;
        return run(() -> encoder.matches(password, hash != null ? hash : decoyHash.get()) && hash != null);
    }

    private <T> T run(Callable<T> work) {
        try {
            return pool.submit(work).get();
        } catch (RejectedExecutionException saturated) {
            refused.increment();
            throw new Unavailable("Too many sign-ins at once; please retry in a moment", 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("The service is shutting down", 2);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
