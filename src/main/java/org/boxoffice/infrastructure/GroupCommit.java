package org.boxoffice.infrastructure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.boxoffice.shared.Unavailable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: writes submitted by many requests at once share one database transaction and one commit. Writes of
 * one kind ({@link BatchWriter}) also share their statements: a batch of holds is a handful of JDBC batches, not a
 * handful of round trips per hold. A batch is first written as a whole; only when one of its writes fails (a
 * constraint refusing a sale) is it written again with each write in a savepoint of its own, so that the failure
 * rolls back only itself. {@link #submit} returns only after the commit: a request answers only once its write is
 * durable.
 */
@Component
public class GroupCommit implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** Writes many items of one kind with shared statements, inside the group's transaction. */
    @FunctionalInterface
    public interface BatchWriter<T> {
        void writeAll(List<T> items);
    }

    /** A write of the batch failed, not the commit: the batch is written again write by write. */
    private static final class WriteFailed extends RuntimeException {
        WriteFailed(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Either {@code work} or {@code writer} with {@code item}. */
    private record Job<T>(@Nullable Supplier<T> work, @Nullable BatchWriter<Object> writer, @Nullable Object item,
                          CompletableFuture<T> done, AtomicInteger state) {
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

        @SuppressWarnings("unchecked")
        T write() {
            if (work != null) {
                return work.get();
            }
            writer.writeAll(List.of(item));
            return null;
        }

        @SuppressWarnings("unchecked")
        void succeed(@Nullable Object result) {
            done.complete((T) result);
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

    @Autowired
    GroupCommit(PlatformTransactionManager transactions, InfrastructureSettings settings) {
        this(transactions, settings.db().groupCommit().maxBatch(), settings.db().groupCommit().writers(),
                settings.db().groupCommit().timeout());
    }

    GroupCommit(PlatformTransactionManager transactions, int maxBatch, int writers, Duration timeout) {
        this.batch = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.maxBatch = maxBatch;
        this.writers = writers;
        this.timeout = timeout;
    }

    /**
     * Runs the write in the next group transaction and waits for its commit; its exception is rethrown here. The write
     * may run twice (once rolled back with its batch when another write failed), so it must only write to the database.
     */
    public <T> T submit(Supplier<T> work) {
        return await(new Job<>(work, null, null, new CompletableFuture<>(), new AtomicInteger(Job.PENDING)));
    }

    /** Writes the item with the others of its kind in the next group transaction and waits for the commit. */
    @SuppressWarnings("unchecked")
    public <T> void submit(BatchWriter<T> writer, T item) {
        await(new Job<Void>(null, (BatchWriter<Object>) writer, item, new CompletableFuture<>(), new AtomicInteger(Job.PENDING)));
    }

    private <T> T await(Job<T> job) {
        if (!running) {
            return batch.execute(tx -> job.write());
        }
        CompletableFuture<T> done = job.done();
        queue.add(job);
        if (!running && queue.remove(job)) {
            return batch.execute(tx -> job.write()); // stopped meanwhile: no writer will take it
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
                throw new Unavailable("The service is shutting down", 2);
            }
            return awaitRunning(done);
        } catch (TimeoutException e) {
            if (job.cancel()) {
                throw new Unavailable("The database is not answering in time", 2);
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
            throw new Unavailable("The service is shutting down", 2);
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
        try {
            Object[] results = batch.execute(tx -> writeTogether(jobs));
            for (int i = 0; i < jobs.size(); i++) {
                jobs.get(i).succeed(results[i]);
            }
        } catch (WriteFailed failed) {
            if (jobs.size() == 1) {
                jobs.getFirst().done().completeExceptionally(failed.getCause());
            } else {
                commitOneByOne(jobs);
            }
        } catch (RuntimeException | Error commitFailed) {
            log.warn("Group commit of {} writes failed: {}", jobs.size(), commitFailed.getMessage());
            jobs.forEach(job -> job.done().completeExceptionally(commitFailed));
        }
    }

    /** Every write of the batch in one transaction, those of one kind as one call of their writer. */
    private static Object[] writeTogether(List<Job<?>> jobs) {
        Object[] results = new Object[jobs.size()];
        Map<BatchWriter<Object>, List<Object>> byWriter = new LinkedHashMap<>();
        try {
            for (int i = 0; i < jobs.size(); i++) {
                Job<?> job = jobs.get(i);
                if (job.writer() != null) {
                    byWriter.computeIfAbsent(job.writer(), w -> new ArrayList<>()).add(job.item());
                } else {
                    results[i] = job.write();
                }
            }
            byWriter.forEach(BatchWriter::writeAll);
        } catch (RuntimeException | Error e) {
            throw new WriteFailed(e);
        }
        return results;
    }

    /** After a write failed: each write in a savepoint of its own, so a failure rolls back only itself. */
    private void commitOneByOne(List<Job<?>> jobs) {
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
            T result = savepoint.execute(tx -> job.write());
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
