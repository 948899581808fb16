package org.boxoffice.account;

/**
 * Sends the message with which a user proves they receive mail at their address. Until a mail adapter is configured,
 * the service only logs that a message would have gone out (see {@code internal.UnsentVerificationMails}).
 */
public interface VerificationMails {
    void send(String email, String displayName, String verificationToken);
}
