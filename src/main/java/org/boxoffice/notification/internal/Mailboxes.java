package org.boxoffice.notification.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The mailbox: SMTP through Spring Boot's {@code JavaMailSender} when {@code spring.mail.host} is set; otherwise each
 * mail is logged and written as an .eml file to {@code boxoffice.mail.folder}, so that a laptop sees what would go out.
 */
@Configuration(proxyBeanMethods = false)
class Mailboxes {
    private static final Logger log = LoggerFactory.getLogger(Mailboxes.class);

    @Bean
    Mailbox mailbox(ObjectProvider<JavaMailSender> smtp, MailSettings settings) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender != null) {
            return mail -> {
                try {
                    sender.send(message(sender.createMimeMessage(), mail, settings));
                } catch (MessagingException e) {
                    throw new IllegalStateException("Mail " + mail.key() + " could not be written", e);
                }
            };
        }
        Path folder = Path.of(settings.folder());
        log.info("No SMTP server (SPRING_MAIL_HOST): mails are logged and written to {}", folder.toAbsolutePath());
        return mail -> {
            try {
                Files.createDirectories(folder);
                Path file = folder.resolve(mail.key().replace(':', '-') + ".eml");
                Path partial = folder.resolve(file.getFileName() + ".partial");
                try (OutputStream out = Files.newOutputStream(partial)) {
                    message(new MimeMessage(Session.getInstance(new Properties())), mail, settings).writeTo(out);
                }
                // whoever reads the folder sees a whole mail or none
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                log.info("Mail '{}' to {} written to {}", mail.subject(), mail.to(), file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (MessagingException e) {
                throw new IllegalStateException("Mail " + mail.key() + " could not be written", e);
            }
        };
    }

    private static MimeMessage message(MimeMessage message, Mail mail, MailSettings settings) throws MessagingException {
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        for (Mail.Attachment attachment : mail.attachments()) {
            helper.addAttachment(attachment.name(), new ByteArrayResource(attachment.content()), attachment.contentType());
        }
        message.saveChanges();
        message.setHeader("Message-ID", mail.messageId());
        return message;
    }
}
