package org.boxoffice.infrastructure;

import org.springframework.aot.AotDetector;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * The build's ahead-of-time bean definitions (started with {@code -Dspring.aot.enabled=true}) were made for a
 * distributed node with the live inventory, management on a port of its own and virtual threads: the conditions that
 * choose beans were decided at build time, with those settings pinned in the pom.
 * Started with another configuration, the node refuses at once with a clear message instead of failing half-way.
 */
public final class AheadOfTimeMode implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (AotDetector.useGeneratedArtifacts()) {
            check(event.getEnvironment());
        }
    }

    static void check(Environment environment) {
        if (!RedisConfigured.in(environment)) {
            throw new Mismatch("neither BOXOFFICE_REDIS_URL nor BOXOFFICE_REDIS_CLUSTER_NODES is set");
        }
        String strategy = environment.getProperty("boxoffice.inventory.strategy", "live");
        if (!strategy.equals("live")) {
            throw new Mismatch("BOXOFFICE_INVENTORY_STRATEGY is " + strategy);
        }
        if (ManagementPortType.get(environment) != ManagementPortType.DIFFERENT) {
            throw new Mismatch("the management port is not a port of its own (BOXOFFICE_MANAGEMENT_PORT)");
        }
        if (!environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)) {
            throw new Mismatch("virtual threads are off (spring.threads.virtual.enabled)");
        }
    }

    static final class Mismatch extends IllegalStateException {
        Mismatch(String what) {
            super(what + ", but this node runs the build's ahead-of-time code (-Dspring.aot.enabled=true), which is made for "
                    + "distributed nodes with the live inventory");
        }
    }

    /** Turns the refusal into Spring Boot's "application failed to start" report, with what to do. */
    static final class Analyzer extends AbstractFailureAnalyzer<Mismatch> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, Mismatch cause) {
            return new FailureAnalysis(cause.getMessage() + ".",
                    "Set BOXOFFICE_REDIS_URL, leave BOXOFFICE_INVENTORY_STRATEGY unset and give management a port of its own "
                            + "for a distributed node, or start without -Dspring.aot.enabled: embedded mode, the benchmark "
                            + "baselines and other such choices run without it.", cause);
        }
    }
}
