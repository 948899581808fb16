package org.boxoffice.notification.internal;

import java.util.List;

/**
 * A mail to send: text and HTML bodies, attachments, and a Message-ID made from what it is about, so that a mail
 * sent twice after a crash looks like one mail to the receiving side.
 */
record Mail(String key, String to, String subject, String text, String html, List<Attachment> attachments) {

    record Attachment(String name, String contentType, byte[] content) {
    }

    String messageId() {
        return "<" + key.replace(':', '.') + "@boxoffice>";
    }
}
