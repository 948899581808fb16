package org.boxoffice.seatmap.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The seat streams' settings ({@code boxoffice.seatmap.*}); defaults and environment variables in {@code application.yml}.
 *
 * @param tick how often changes are sent (at most one frame per stream per tick)
 * @param heartbeat a comment frame after this much silence, so proxies keep the stream open
 * @param timeout a stream ends after this long; the browser reconnects with Last-Event-ID
 * @param writeTimeout a client whose writes take longer than this in all is dropped
 * @param historySeats seat changes kept for clients that reconnect
 * @param patienceTicks ticks a client may stay behind before it is dropped
 * @param maxQueuedBytes a client whose queue of frames grows past this is dropped
 * @param maxResumeBytes what a reconnecting client missed is sent only up to this size; otherwise a snapshot
 * @param maxStreams open streams per node (0: 2 per MiB of maximum heap)
 * @param maxStreamsPerAddress open streams per client address
 * @param maxStreamsPerUser open streams per signed-in user
 */
@ConfigurationProperties("boxoffice.seatmap")
record SeatmapSettings(Duration tick, Duration heartbeat, Duration timeout, Duration writeTimeout, int historySeats,
                              int patienceTicks, long maxQueuedBytes, long maxResumeBytes, int maxStreamsPerAddress,
                              int maxStreamsPerUser, int maxStreams) {
}
