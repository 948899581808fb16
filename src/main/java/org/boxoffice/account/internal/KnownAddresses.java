package org.boxoffice.account.internal;

import java.time.Clock;
import java.time.Duration;
import org.boxoffice.shared.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The addresses each account signed in from successfully, recently: its owner's usual places. */
@Repository
class KnownAddresses {
    static final Duration REMEMBERED = Duration.ofDays(30);
    private final JdbcClient jdbc;
    private final Clock clock;

    KnownAddresses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean known(String userId, String address) {
        return jdbc.sql("SELECT COUNT(*) FROM login_addresses WHERE user_id = :user AND address = :address AND last_seen_at > :since")
                .param("user", userId).param("address", address).param("since", Timestamps.utc(clock.instant().minus(REMEMBERED)))
                .query(Integer.class).single() > 0;
    }

    void remember(String userId, String address) {
        var now = Timestamps.utc(clock.instant());
        int updated = jdbc.sql("UPDATE login_addresses SET last_seen_at = :now WHERE user_id = :user AND address = :address")
                .param("now", now).param("user", userId).param("address", address).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO login_addresses (user_id, address, last_seen_at) VALUES (:user, :address, :now)")
                        .param("user", userId).param("address", address).param("now", now).update();
            } catch (DuplicateKeyException concurrentSignIn) {
                // the same account signed in from the same place twice at once
            }
        }
    }
}
