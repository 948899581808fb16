package org.boxoffice.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start which mode the configuration selected, so an operator never has to guess. */
@Component
class ModeBanner {
    private static final Logger log = LoggerFactory.getLogger(ModeBanner.class);
    private final String databaseUrl;
    private final String redisUrl;

    ModeBanner(@Value("${spring.datasource.url}") String databaseUrl, @Value("${BOXOFFICE_REDIS_URL:}") String redisUrl) {
        this.databaseUrl = databaseUrl;
        this.redisUrl = redisUrl;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        String database = databaseUrl.startsWith("jdbc:h2:") ? "embedded H2 database" : "shared database";
        log.info("Boxoffice ready: {} ({}), in-process seat inventory", database, databaseUrl.replaceAll("password=[^;&]*", "password=***"));
        if (!redisUrl.isBlank()) {
            log.warn("BOXOFFICE_REDIS_URL is set, but this version keeps seat inventory in process; the Redis adapter is not built yet");
        }
    }
}
