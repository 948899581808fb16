package org.boxoffice.account.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a new password must be: 8 characters at least, at most 72 bytes (all bcrypt reads), and hard enough to guess
 * by the strength estimator nbvcxz: its dictionaries of common passwords, words, names, keyboard patterns, dates and
 * sequences, plus the account's own e-mail and name, must leave it at least {@code minimum-entropy} bits. No rules
 * about digits or symbols: "correct horse battery" passes, "Passw0rd!" does not.
 */
@Component
public class PasswordPolicy {
    private static final Logger log = LoggerFactory.getLogger(PasswordPolicy.class);
    static final int MIN_LENGTH = 8;
    static final int MAX_BYTES = 72;
    private final double minimumEntropy;
    private volatile List<Dictionary> dictionaries;

    PasswordPolicy(AccountSettings settings) {
        this.minimumEntropy = settings.auth().minimumPasswordEntropy();
    }

    /** The estimator's dictionaries take a second or two to load: load them once the node serves, not on a buyer's time. */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        // a platform thread: loading the estimator's classes from the jar on a virtual thread pins its carrier, and a
        // node under load hung with both carriers pinned so (see docs/benchmarks.md, "a hang found on the way")
        Thread.ofPlatform().daemon().name("password-policy-warm-up").start(() -> {
            check("warm up the estimator", "nobody@example.invalid", "Nobody");
            log.debug("Password strength estimator ready");
        });
    }

    /** The reasons the password is refused; empty when it is good enough. */
    public List<String> check(String password, String email, String displayName) {
        List<String> reasons = new ArrayList<>();
        if (password.length() < MIN_LENGTH) {
            reasons.add("Use at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            reasons.add("Use at most " + MAX_BYTES + " bytes (UTF-8); longer passwords would be cut short.");
        }
        if (!reasons.isEmpty()) {
            return reasons;
        }
        Result result = estimator(personalWords(email, displayName)).estimate(password);
        if (!result.isMinimumEntropyMet()) {
            String warning = result.getFeedback().getWarning();
            reasons.add(warning != null && !warning.isBlank() ? warning : "This password is too easy to guess.");
            reasons.addAll(result.getFeedback().getSuggestion());
        }
        return reasons;
    }

    private Nbvcxz estimator(Set<String> personal) {
        List<Dictionary> all = new ArrayList<>(defaults());
        all.add(new DictionaryBuilder().setDictionaryName("account").setExclusion(true).addWords(personal, 0).createDictionary());
        return new Nbvcxz(new ConfigurationBuilder().setDictionaries(all).setMinimumEntropy(minimumEntropy)
                .setMaxLength(MAX_BYTES).createConfiguration());
    }

    private List<Dictionary> defaults() {
        List<Dictionary> loaded = dictionaries;
        if (loaded == null) {
            synchronized (this) {
                if (dictionaries == null) {
                    dictionaries = ConfigurationBuilder.getDefaultDictionaries();
                }
                loaded = dictionaries;
            }
        }
        return loaded;
    }

    /** The e-mail, its parts and the name's words: a password built from them is as good as known. */
    private static Set<String> personalWords(String email, String displayName) {
        Set<String> words = new LinkedHashSet<>();
        String lower = email.toLowerCase(Locale.ROOT);
        words.add(lower);
        for (String part : lower.split("[@._+-]")) {
            if (part.length() >= 3) {
                words.add(part);
            }
        }
        for (String part : displayName.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (part.length() >= 3) {
                words.add(part);
            }
        }
        return words;
    }
}
