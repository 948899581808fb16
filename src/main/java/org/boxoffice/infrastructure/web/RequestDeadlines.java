package org.boxoffice.infrastructure.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Constants;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * An overall deadline for a request's header section. Tomcat's own timeout only bounds the silence between two
 * bytes, so a client sending one header byte every few seconds (slowloris) would keep a connection forever; this
 * sweeper closes every connection whose request has been arriving for longer than the deadline. The body has its
 * deadline in {@link BodySizeLimitFilter}; reads and writes that make no progress at all end after Tomcat's
 * connection timeout ({@code server.tomcat.connection-timeout}).
 */
@Component
public class RequestDeadlines implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RequestDeadlines.class);
    private final List<DeadlineHttp11NioProtocol> protocols = new CopyOnWriteArrayList<>();
    private final long headerTimeoutNanos;
    private final Counter closed;
    private ScheduledExecutorService sweeper;

    RequestDeadlines(HttpSettings settings, MeterRegistry registry) {
        this.headerTimeoutNanos = settings.headerTimeout().toNanos();
        this.closed = Counter.builder("boxoffice.http.slow.requests.closed")
                .description("Connections closed because their request headers took longer than the deadline")
                .register(registry);
    }

    void watch(Connector connector) {
        if (connector.getProtocolHandler() instanceof DeadlineHttp11NioProtocol protocol) {
            protocols.add(protocol);
        }
    }

    void sweep() {
        long now = System.nanoTime();
        for (DeadlineHttp11NioProtocol protocol : protocols) {
            for (SocketWrapperBase<?> connection : protocol.openConnections()) {
                if (connection.getCurrentProcessor() instanceof AbstractProcessor processor && !processor.isAsync()) {
                    // A processor waits on its connection between two reads of a request that is still arriving; once a
                    // request is complete its start time is reset, so a set one means "headers not complete yet".
                    org.apache.coyote.Request request = processor.getRequest();
                    long started = request.getStartTimeNanos();
                    int stage = request.getRequestProcessor().getStage();
                    if ((stage == Constants.STAGE_PARSE || stage == Constants.STAGE_ENDED) && started != -1
                            && now - started > headerTimeoutNanos) {
                        connection.close();
                        closed.increment();
                    }
                }
            }
        }
    }

    private void safeSweep() {
        try {
            sweep();
        } catch (Throwable e) {
            log.warn("Request deadline sweep failed; retrying in a second", e);
        }
    }

    @Override
    public void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("request-deadlines").daemon().factory());
        sweeper.scheduleWithFixedDelay(this::safeSweep, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return sweeper != null && !sweeper.isShutdown();
    }
}
