package org.boxoffice.waitingroom;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The committed shuffle of an event's pre-queue. The service draws a secret 32-byte seed and publishes only its
 * commitment, SHA-256 of the seed; when the sale opens it reveals the seed. The pre-queue's order is then anyone's
 * to recompute: each entry's key is HMAC-SHA256(seed, entry id as UTF-8), and entries go in ascending order of their
 * keys read as unsigned big-endian numbers (entry ids break a tie, which 256 bits make impossible in practice).
 *
 * @param seed the seed as 64 lower-case hex digits
 */
public record QueueShuffle(String seed) {
    public static final String ALGORITHM = "Entries in ascending order of HMAC-SHA256(key = seed bytes, message = UTF-8 entry id), "
            + "compared as unsigned big-endian numbers; commitment = SHA-256(seed bytes); seed and hashes in lower-case hex";

    private static final HexFormat HEX = HexFormat.of();
    private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

    public QueueShuffle {
        if (seed.length() != 64 || !seed.equals(seed.toLowerCase()) || !seed.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("a shuffle seed is 64 lower-case hex digits");
        }
    }

    public static QueueShuffle draw(SecureRandom random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return new QueueShuffle(HEX.formatHex(seed));
    }

    public String commitment() {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(HEX.parseHex(seed)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entry's place-deciding key: HMAC-SHA256(seed, entry id). */
    public byte[] key(String entryId) {
        return mac().doFinal(entryId.getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC keyed with the seed, for one thread; reused across entries, it resets after each {@code doFinal}. */
    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HEX.parseHex(seed), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyHex(String entryId) {
        return HEX.formatHex(key(entryId));
    }

    /**
     * The key's first 53 bits as a number in [0, 1), exact in a double: the queue stores order as a score, and the
     * scores of two entries compare as their keys do unless those share their first 53 bits (about once in 18,000
     * sales of a million pre-queued buyers; such a pair may be admitted either way round, which the report shows).
     */
    public double score(String entryId) {
        byte[] key = key(entryId);
        long high = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (key[i] & 0xff);
        }
        return (high >>> 11) * 0x1p-53;
    }

    /** The pre-queue's order: the entry ids sorted by their keys. */
    public List<String> order(Collection<String> entryIds) {
        record Keyed(String entryId, byte[] key) {
        }
        Mac mac = mac();
        return entryIds.stream().map(id -> new Keyed(id, mac.doFinal(id.getBytes(StandardCharsets.UTF_8))))
                .sorted(Comparator.comparing(Keyed::key, UNSIGNED).thenComparing(Keyed::entryId))
                .map(Keyed::entryId).toList();
    }
}
