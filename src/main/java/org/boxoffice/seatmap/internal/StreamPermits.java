package org.boxoffice.seatmap.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.infrastructure.Places;
import org.boxoffice.shared.Unavailable;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Caps on open seat streams: per client address, per signed-in user and per node. A stream holds a connection and
 * some memory for as long as the client keeps it open, so these caps are what keeps one client, or a flood of them,
 * from taking the node's connections and memory. Refusals are problems with Retry-After: 429 for a client over its
 * own cap, 503 when the node is full.
 */
@Component
class StreamPermits {
    /** An open stream's claim on the caps; released once, however often it is called. */
    static final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();
        private final Runnable release;

        private Permit(Runnable release) {
            this.release = release;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    private final int perAddress;
    private final int perUser;
    private final int perNode;
    private final AtomicInteger open = new AtomicInteger();
    private final Places byAddress = new Places();
    private final Places byUser = new Places();

    /**
     * {@code perNode} 0 or less means: as many as the heap affords. An open stream costs about 100 KiB of heap (most
     * of it the container's buffers for the connection); two per MiB of maximum heap keep streams to a fifth of it,
     * leaving the rest to the service (measured: 1,024 streams on a 256 MiB heap pushed it past 90 % full).
     */
    @Autowired
    StreamPermits(SeatmapSettings settings) {
        this(settings.maxStreamsPerAddress(), settings.maxStreamsPerUser(), settings.maxStreams());
    }

    StreamPermits(int perAddress, int perUser, int perNode) {
        this.perAddress = perAddress;
        this.perUser = perUser;
        this.perNode = perNode > 0 ? perNode : (int) Math.max(100, Runtime.getRuntime().maxMemory() / (1 << 20) * 2);
    }

    int perNode() {
        return perNode;
    }

    int open() {
        return open.get();
    }

    Permit acquire(String address, @Nullable String userId) {
        if (!byAddress.take(address, perAddress)) {
            throw tooMany("Too many open seat streams from your address (at most " + perAddress + ")");
        }
        if (userId != null && !byUser.take(userId, perUser)) {
            byAddress.give(address);
            throw tooMany("Too many open seat streams for your account (at most " + perUser + ")");
        }
        if (open.incrementAndGet() > perNode) {
            open.decrementAndGet();
            byAddress.give(address);
            if (userId != null) {
                byUser.give(userId);
            }
            throw new Unavailable("This node follows as many seat streams as it can; retry shortly or reload the "
                    + "seat map instead", 5);
        }
        return new Permit(() -> {
            open.decrementAndGet();
            byAddress.give(address);
            if (userId != null) {
                byUser.give(userId);
            }
        });
    }

    private static ApiProblem tooMany(String detail) {
        return ApiProblem.tooManyRequests("too-many-streams", "Too many streams", detail, 10);
    }
}
