package org.boxoffice.account.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.account.Role;
import org.springframework.stereotype.Component;

/**
 * Users that exist only in the trusted issuer's tokens become users on first use. The set of subjects
 * already seen keeps this off the database for every later request.
 */
@Component
class ExternalUsers {
    private static final int REMEMBERED = 200_000;
    private final Users users;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    ExternalUsers(Users users) {
        this.users = users;
    }

    void ensure(String subject, String email, List<String> roles) {
        if (subject == null || known.contains(subject)) {
            return;
        }
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String role : roles) {
            try {
                parsed.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                // roles we do not know grant nothing
            }
        }
        users.ensureExternal(subject, email, parsed);
        if (known.size() > REMEMBERED) {
            known.clear();
        }
        known.add(subject);
    }
}
