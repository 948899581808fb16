package org.boxoffice.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: writes submitted by many requests at once share one database transaction and one commit.
 * Each write runs in a savepoint of its own, so one failing write (a constraint refusing a sale) rolls back
 * only itself. {@link #submit} returns only after the commit: a request answers only once its write is durable.
 */
@Component
public class GroupCommit implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Job<T>(Supplier<T> work, CompletableFuture<T> done, AtomicInteger state) {
        static final int PENDING = 0;
        static final int RUNNING = 1;
        static final int CANCELLED = 2;

        /** A job runs only if its caller still waits; one that timed out is never written. */
        boolean start() {
            return state.compareAndSet(PENDING, RUNNING);
        }

        boolean cancel() {
            return state.compareAndSet(PENDING, CANCELLED);
        }
    }

    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final int maxBatch;
    private final int writers;
    private final Duration timeout;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    GroupCommit(PlatformTransactionManager transactions,
                @Value("${boxoffice.db.group-commit.max-batch:64}") int maxBatch,
                @Value("${boxoffice.db.group-commit.writers:2}") int writers,
                @Value("${boxoffice.db.group-commit.timeout:30s}") Duration timeout) {
        this.batch = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.maxBatch = maxBatch;
        this.writers = writers;
        this.timeout = timeout;
    }

    /** Runs the write in the next group transaction and waits for its commit; its exception is rethrown here. */
    public <T> T submit(Supplier<T> work) {
        if (!running) {
            return batch.execute(tx -> work.get());
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        Job<T> job = new Job<>(work, done, new AtomicInteger(Job.PENDING));
        queue.add(job);
        if (!running && queue.remove(job)) {
            return batch.execute(tx -> work.get()); // stopped meanwhile: no writer will take it
        }
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (job.cancel()) {
                throw ApiProblem.unavailable("The service is shutting down", 2);
            }
            return awaitRunning(done);
        } catch (TimeoutException e) {
            if (job.cancel()) {
                throw ApiProblem.unavailable("The database is not answering in time", 2);
            }
            return awaitRunning(done); // already being written: its outcome is the answer
        }
    }

    private static <T> T awaitRunning(CompletableFuture<T> done) {
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("The service is shutting down", 2);
        }
    }

    private void write() {
        List<Job<?>> jobs = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Job<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                jobs.add(first);
                queue.drainTo(jobs, maxBatch - 1);
                jobs.removeIf(job -> !job.start());
                if (!jobs.isEmpty()) {
                    commit(jobs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable unexpected) {
                // a writer must survive anything a job throws, or the whole node stops writing
                log.error("Group commit writer failed", unexpected);
                jobs.forEach(job -> job.done().completeExceptionally(unexpected));
            } finally {
                jobs.clear();
            }
        }
    }

    private void commit(List<Job<?>> jobs) {
        List<Runnable> successes = new ArrayList<>(jobs.size());
        try {
            batch.executeWithoutResult(tx -> {
                for (Job<?> job : jobs) {
                    run(job, successes);
                }
            });
            successes.forEach(Runnable::run);
        } catch (RuntimeException | Error commitFailed) {
            log.warn("Group commit of {} writes failed: {}", jobs.size(), commitFailed.getMessage());
            jobs.forEach(job -> job.done().completeExceptionally(commitFailed));
        }
    }

    private <T> void run(Job<T> job, List<Runnable> successes) {
        try {
            T result = savepoint.execute(tx -> job.work().get());
            successes.add(() -> job.done().complete(result));
        } catch (RuntimeException | Error failed) {
            job.done().completeExceptionally(failed);
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < writers; i++) {
            threads.add(Thread.ofPlatform().name("group-commit-" + i).daemon().start(this::write));
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
