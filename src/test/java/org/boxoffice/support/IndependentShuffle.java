package org.boxoffice.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tests' own reading of docs/fairness.md, written without the service's code: keys as BigIntegers of
 * HMAC-SHA256(seed, entry id), places by ascending key, commitments as SHA-256 of the seed, receipt claims decoded.
 */
public final class IndependentShuffle {
    private static final HexFormat HEX = HexFormat.of();

    private IndependentShuffle() {
    }

    public static BigInteger key(String seed, String entryId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HEX.parseHex(seed), "HmacSHA256"));
            return new BigInteger(1, mac.doFinal(entryId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> order(String seed, Collection<String> entryIds) {
        Map<String, BigInteger> keys = new HashMap<>();
        entryIds.forEach(id -> keys.put(id, key(seed, id)));
        return entryIds.stream().sorted(Comparator.comparing(keys::get)).toList();
    }

    /** Entry id → place, from 1, in the order the seed gives. */
    public static Map<String, Long> places(String seed, Collection<String> entryIds) {
        List<String> order = order(seed, entryIds);
        Map<String, Long> places = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            places.put(order.get(i), i + 1L);
        }
        return places;
    }

    public static String commitment(String seedHex) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(HEX.parseHex(seedHex)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a queue receipt ({@code qr1.CLAIMS.PATH.JWS}), as JSON. */
    public static JsonNode receiptClaims(String receipt) {
        return JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(receipt.split("\\.")[1]));
    }
}
