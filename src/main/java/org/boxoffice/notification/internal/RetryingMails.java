package org.boxoffice.notification.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Events whose listeners failed (a mail while SMTP was down) stay incomplete in the registry; they are delivered again
 * once they are {@code retry-after} old, by one node at a time, until their listener succeeds.
 */
@Component
class RetryingMails {
    private final IncompleteEventPublications incomplete;
    private final MailSettings settings;

    RetryingMails(IncompleteEventPublications incomplete, MailSettings settings) {
        this.incomplete = incomplete;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${boxoffice.mail.retry-after}", initialDelayString = "${boxoffice.mail.retry-after}")
    @SchedulerLock(name = "retry-mails", lockAtMostFor = "PT5M")
    void retry() {
        retryOlderThanTheSetting();
    }

    /** Also for tests, which drive it instead of waiting for the schedule. */
    void retryOlderThanTheSetting() {
        incomplete.resubmitIncompletePublicationsOlderThan(settings.retryAfter());
    }
}
