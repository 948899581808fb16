package org.boxoffice.account.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Users that exist only in the trusted issuer's tokens become users on first use. The token alone authenticates, so
 * their rows are written in the background, many at a time, not on the request: in an on-sale every buyer's first
 * request would otherwise wait for a commit of its own. The set of subjects already seen keeps later requests off
 * the database; a subject whose row could not be written is forgotten, so that a later request tries again.
 */
@Component
class ExternalUsers {
    private static final Logger log = LoggerFactory.getLogger(ExternalUsers.class);
    private static final int REMEMBERED = 200_000;
    private static final int WAITING = 100_000;

    record Pending(String subject, String email, Set<Role> roles) {
    }

    private final Users users;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Pending> pending = new ArrayBlockingQueue<>(WAITING);

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
        if (known.size() > REMEMBERED) {
            known.clear();
        }
        if (known.add(subject) && !pending.offer(new Pending(subject, email, parsed))) {
            known.remove(subject); // too many waiting: a later request of this user brings it again
        }
    }

    /** Writes the users seen since the last call; run every 200 ms. */
    @Scheduled(fixedDelay = 200)
    void writePending() {
        List<Pending> batch = new ArrayList<>();
        while (pending.drainTo(batch, 1_000) > 0) {
            try {
                users.ensureExternal(batch);
            } catch (DataAccessException e) {
                log.warn("Could not record {} users yet: {}", batch.size(), e.getMessage());
                batch.forEach(user -> known.remove(user.subject()));
            }
            batch.clear();
        }
    }
}
