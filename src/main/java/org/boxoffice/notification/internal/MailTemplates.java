package org.boxoffice.notification.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The mails' Mustache templates in {@code src/main/resources/mail}: per kind a subject, a text and an HTML body
 * ({@code kind.subject.mustache}, {@code kind.txt.mustache}, {@code kind.html.mustache}). Only HTML is escaped.
 */
@Component
class MailTemplates {
    private final Mustache.Compiler html = Mustache.compiler().defaultValue("");
    private final Mustache.Compiler plain = Mustache.compiler().defaultValue("").escapeHTML(false);
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    String subject(String kind, Map<String, Object> model) {
        return render(plain, kind + ".subject", model).strip();
    }

    String text(String kind, Map<String, Object> model) {
        return render(plain, kind + ".txt", model);
    }

    String html(String kind, Map<String, Object> model) {
        return render(html, kind + ".html", model);
    }

    private String render(Mustache.Compiler compiler, String name, Map<String, Object> model) {
        return compiled.computeIfAbsent(name, n -> {
            try (Reader reader = new InputStreamReader(new ClassPathResource("mail/" + n + ".mustache").getInputStream(),
                    StandardCharsets.UTF_8)) {
                return compiler.compile(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Mail template " + n + " is missing", e);
            }
        }).execute(model);
    }
}
