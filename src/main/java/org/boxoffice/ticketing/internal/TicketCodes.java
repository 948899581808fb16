package org.boxoffice.ticketing.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import org.boxoffice.ticketing.TicketingRefusal;
import org.springframework.stereotype.Component;

/**
 * The codes in tickets' QR images, signed with the service's Ed25519 key so that a scanner can check them with the
 * public key alone, even offline:
 * <pre>BO1.{ticketId}.{eventId}.{window}.{signature}</pre>
 * where {@code window} is the number of the 15-second step since the epoch the code belongs to (a rotating code: a
 * screenshot stops working within 30 seconds) or {@code S} (a static code, for print and mail, where the event allows
 * it), and {@code signature} is the unpadded Base64url Ed25519 signature of everything before its dot.
 */
@Component
public class TicketCodes {
    public static final Duration STEP = Duration.ofSeconds(15);
    /** A code of the step before or after now is still taken: a phone's clock or a slow scan may be that far off. */
    static final int STEPS_OF_TOLERANCE = 1;
    private static final String VERSION = "BO1";
    private static final String STATIC = "S";
    private static final Pattern TICKET_ID = Pattern.compile("[0-9a-f-]{36}");

    private final TicketSigningKey key;

    TicketCodes(TicketSigningKey key) {
        this.key = key;
    }

    /** What a valid code says. */
    public record ScannedCode(String ticketId, long eventId, boolean fixed) {
    }

    /** The rotating code of the ticket valid at {@code now}, and until when. */
    public record RotatingCode(String payload, Instant validFrom, Instant validUntil) {
    }

    public RotatingCode rotating(String ticketId, long eventId, Instant now) {
        long step = step(now);
        return new RotatingCode(sign(ticketId + "." + eventId + "." + step), start(step), start(step + 1));
    }

    public String fixed(String ticketId, long eventId) {
        return sign(ticketId + "." + eventId + "." + STATIC);
    }

    /** Reads and checks a scanned code: its shape, its signature, and for a rotating one its time window. */
    public ScannedCode read(String payload, Instant now) {
        String[] parts = payload.strip().split("\\.", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !TICKET_ID.matcher(parts[1]).matches()
                || !parts[2].matches("\\d{1,18}") || !(STATIC.equals(parts[3]) || parts[3].matches("\\d{1,18}"))) {
            throw new TicketingRefusal.CodeUnreadable().refused();
        }
        if (!verifies(parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3], parts[4])) {
            throw new TicketingRefusal.CodeForged().refused();
        }
        boolean fixed = STATIC.equals(parts[3]);
        if (!fixed) {
            long step = Long.parseLong(parts[3]);
            if (Math.abs(step - step(now)) > STEPS_OF_TOLERANCE) {
                throw new TicketingRefusal.CodeExpired(start(step + 1 + STEPS_OF_TOLERANCE)).refused();
            }
        }
        return new ScannedCode(parts[1], Long.parseLong(parts[2]), fixed);
    }

    private String sign(String content) {
        String signed = VERSION + "." + content;
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.privateKey());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ticket codes cannot be signed", e);
        }
    }

    private boolean verifies(String signed, String signatureText) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key.publicKey());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(signatureText));
        } catch (IllegalArgumentException | GeneralSecurityException notASignature) {
            return false;
        }
    }

    private static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.getSeconds());
    }

    private static Instant start(long step) {
        return Instant.ofEpochSecond(step * STEP.getSeconds());
    }
}
