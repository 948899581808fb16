package org.boxoffice.notification.internal;

/** Where mails go: an SMTP server, or (embedded mode without one) the log and a folder. Throws when it cannot send. */
interface Mailbox {
    void send(Mail mail);
}
