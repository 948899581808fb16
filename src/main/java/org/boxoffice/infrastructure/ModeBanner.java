package org.boxoffice.infrastructure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says at start which mode the configuration selected, so an operator never has to guess. */
@Component
class ModeBanner {
    private static final Logger log = LoggerFactory.getLogger(ModeBanner.class);
    private final String databaseUrl;
    private final boolean redis;

    ModeBanner(@Value("${spring.datasource.url}") String databaseUrl, Environment environment) {
        this.databaseUrl = databaseUrl;
        this.redis = RedisConfigured.in(environment);
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        String database = databaseUrl.startsWith("jdbc:h2:") ? "embedded H2 database" : "shared database";
        String inventory = !redis ? "in-process seat inventory" : "seat inventory and fan-out in Redis";
        log.info("Boxoffice ready: {} ({}), {}", database, databaseUrl.replaceAll("password=[^;&]*", "password=***"), inventory);
        if (redis && databaseUrl.startsWith("jdbc:h2:")) {
            log.warn("Redis is shared but the H2 database is not: run more than one node only with BOXOFFICE_DB_URL set");
        }
    }
}
