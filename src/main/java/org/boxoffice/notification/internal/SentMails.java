package org.boxoffice.notification.internal;

import java.time.Instant;
import org.boxoffice.shared.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The mails sent, by key. A listener takes the key in its transaction before sending: a second delivery of the same
 * event (a retry, a republication after a restart, another node) finds it taken and sends nothing; a send that fails
 * rolls the key back with the transaction, and the retry sends.
 */
@Repository
class SentMails {
    private final JdbcClient jdbc;

    SentMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the key; false when the mail was sent before. */
    boolean take(String key, Instant now) {
        // no exception for a key taken: in PostgreSQL it would abort the whole transaction
        return jdbc.sql("INSERT INTO sent_mails (mail_key, sent_at) VALUES (:key, :now) ON CONFLICT DO NOTHING")
                .param("key", key).param("now", Timestamps.utc(now)).update() == 1;
    }
}
