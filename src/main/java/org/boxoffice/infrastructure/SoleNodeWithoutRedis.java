package org.boxoffice.infrastructure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Without Redis each node sells from a seat inventory in its own memory, so two of them on one database would hand out
 * the same seats (the database's fencing check keeps every sale single, but buyers lose their seats at checkout). Such a
 * node says once a second in {@code node_heartbeats} that it is alive; a node that starts while another one's beat
 * still grows refuses to start, saying why. A beat is proof of life only when it is seen to grow, so a node killed a
 * moment ago does not block its own restart (it costs the restart {@link #WATCH}). Two nodes started at the same instant
 * both get through; each then sees the other's beat, and the later one stops being ready (load balancers send it no
 * more traffic) and says why, once a second. Nodes of one JVM (the tests' several contexts) count as one.
 */
@Component
@Conditional(RedisConfigured.Not.class)
class SoleNodeWithoutRedis implements InitializingBean, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SoleNodeWithoutRedis.class);
    private static final String SELF = UUID.randomUUID().toString();
    /** How long a silent node's row is still looked at, and how long a starting node watches the others' beats. */
    static final Duration RECENT = Duration.ofSeconds(15);
    static final Duration WATCH = Duration.ofMillis(3_500);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final long startedAt;
    private final String host = hostName();
    private volatile boolean refusing;

    SoleNodeWithoutRedis(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.startedAt = now();
    }

    private record Beat(String nodeId, String host, long startedAt, long beats) {
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        List<Beat> before = others();
        if (!before.isEmpty()) {
            log.info("Another node beat on this database lately; watching for {} ms whether it still lives", WATCH.toMillis());
            Thread.sleep(WATCH); // the others' beats must be given time to grow: this wait is the proof, not a guess
            Map<String, Long> earlier = before.stream().collect(Collectors.toMap(Beat::nodeId, Beat::beats));
            for (Beat now : others()) {
                Long then = earlier.get(now.nodeId());
                if (then == null || now.beats() > then) {
                    throw new AnotherNodeWithoutRedis(refusal(now));
                }
            }
        }
        beat();
    }

    @Scheduled(fixedDelay = 1000)
    void beat() {
        long now = now();
        int updated = jdbc.sql("UPDATE node_heartbeats SET beats = beats + 1, seen_at = :now WHERE node_id = :id")
                .param("now", now).param("id", SELF).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO node_heartbeats (node_id, host, started_at, beats, seen_at) VALUES (:id, :host, :started, 1, :now)")
                    .param("id", SELF).param("host", host).param("started", startedAt).param("now", now).update();
        }
        for (Beat other : others()) {
            if (other.startedAt() < startedAt || (other.startedAt() == startedAt && other.nodeId().compareTo(SELF) < 0)) {
                log.error("{} {} This node stopped being ready.", refusal(other), ACTION);
                if (!refusing) {
                    refusing = true;
                    AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
                }
                return;
            }
        }
    }

    private List<Beat> others() {
        return jdbc.sql("SELECT node_id, host, started_at, beats FROM node_heartbeats WHERE node_id <> :id AND seen_at > :recent")
                .param("id", SELF).param("recent", now() - RECENT.toMillis())
                .query((rs, row) -> new Beat(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).list();
    }

    private static String refusal(Beat other) {
        return "Another Boxoffice node (on " + other.host() + ", started " + Instant.ofEpochMilli(other.startedAt())
                + ") serves this database without Redis. Without Redis every node keeps the seat inventory in its own "
                + "memory, so two of them would promise buyers the same seats.";
    }

    static final String ACTION = "Set BOXOFFICE_REDIS_URL on every node to run several, or stop the other one.";

    /** Stops the start; reported by {@link AnotherNodeWithoutRedis.Analyzer} as a description and an action, no stack trace. */
    static final class AnotherNodeWithoutRedis extends IllegalStateException {
        AnotherNodeWithoutRedis(String message) {
            super(message + " " + ACTION);
        }

        static final class Analyzer extends AbstractFailureAnalyzer<AnotherNodeWithoutRedis> {
            @Override
            protected FailureAnalysis analyze(Throwable root, AnotherNodeWithoutRedis cause) {
                return new FailureAnalysis(cause.getMessage().replace(" " + ACTION, ""), ACTION, cause);
            }
        }
    }

    @Override
    public void destroy() {
        try {
            jdbc.sql("DELETE FROM node_heartbeats WHERE node_id = :id").param("id", SELF).update();
        } catch (RuntimeException databaseGone) {
            log.debug("Could not take this node's heartbeat away: {}", databaseGone.getMessage());
        }
    }

    /** Nodes compare their beats' times with each other: the wall clock, not the service's (which tests move). */
    private static long now() {
        return System.currentTimeMillis();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName() + " (pid " + ProcessHandle.current().pid() + ")";
        } catch (UnknownHostException e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }
}
