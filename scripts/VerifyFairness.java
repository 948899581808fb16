// Checks a Boxoffice waiting room's pre-queue shuffle from what the service publishes, with nothing but a JDK (17+):
//
//   java scripts/VerifyFairness.java BASE_URL EVENT_ID [--commitment=HEX] [--receipt=RECEIPT]
//
// Before the sale opens it prints the commitment (keep it: pass it back with --commitment after the opening, so the
// check covers a seed the service might have changed since). From the opening on it checks that SHA-256(seed) is the
// commitment, recomputes the order of the published pre-queue entries (ascending HMAC-SHA256(seed, entry id)) and
// compares every published place with it; with --receipt it also checks the receipt's signature against the
// published key and prints the buyer's place. Exit status: 0 all checks passed, 1 a check failed (or the data could
// not be read), 2 not revealed yet, 3 the service did not answer 200.
// It shares no code with the service on purpose.

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class VerifyFairness {
    private static final HexFormat HEX = HexFormat.of();
    private static boolean failed;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java VerifyFairness.java BASE_URL EVENT_ID [--commitment=HEX] [--receipt=RECEIPT]");
            System.exit(64);
        }
        try {
            verify(args);
        } catch (Exception | AssertionError unreadable) {
            System.out.println("FAILED      could not read the published data or the receipt: " + unreadable);
            System.exit(1);
        }
    }

    private static void verify(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        String eventId = args[1];
        String savedCommitment = null;
        String receipt = null;
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("--commitment=")) {
                savedCommitment = args[i].substring("--commitment=".length());
            } else if (args[i].startsWith("--receipt=")) {
                receipt = args[i].substring("--receipt=".length());
            }
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/events/" + eventId + "/queue/fairness")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.err.println("the service answered " + response.statusCode() + ": " + response.body());
            System.exit(3);
        }
        Map<String, Object> published = object(new Json(response.body()).value());
        String commitment = (String) published.get("commitment");
        System.out.println("commitment  " + commitment);
        if (savedCommitment != null) {
            check(savedCommitment.equalsIgnoreCase(commitment), "the commitment is the one saved before the opening");
        }
        if (!Boolean.TRUE.equals(published.get("revealed"))) {
            System.out.println("not revealed yet: the sale opens at " + published.get("onSaleAt")
                    + "; keep the commitment above and run again after it with --commitment=" + commitment);
            System.exit(2);
        }
        String seed = (String) published.get("seed");
        System.out.println("seed        " + seed);
        check(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(HEX.parseHex(seed))).equals(commitment),
                "SHA-256(seed) equals the commitment");

        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object entry : (List<?>) published.get("preQueue")) {
            entries.add(object(entry));
        }
        Map<String, BigInteger> keys = new HashMap<>();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HEX.parseHex(seed), "HmacSHA256"));
        for (Map<String, Object> entry : entries) {
            String id = (String) entry.get("entryId");
            keys.put(id, new BigInteger(1, mac.doFinal(id.getBytes(StandardCharsets.UTF_8))));
        }
        check(keys.size() == entries.size(), "every entry id is listed once (" + entries.size() + " entries)");
        Instant onSaleAt = Instant.parse((String) published.get("onSaleAt"));
        Instant committedAt = Instant.parse((String) published.get("committedAt"));
        Instant firstJoin = entries.stream().map(e -> Instant.parse((String) e.get("joinedAt"))).min(Instant::compareTo).orElse(onSaleAt);
        check(committedAt.isBefore(onSaleAt) && !committedAt.isAfter(firstJoin),
                "the commitment (" + committedAt + ") came before the opening and before the first entry joined");
        check(entries.stream().allMatch(e -> Instant.parse((String) e.get("joinedAt")).isBefore(onSaleAt)),
                "every pre-queue entry joined before the opening");
        List<String> order = new ArrayList<>(keys.keySet());
        order.sort(Comparator.comparing((String id) -> keys.get(id)).thenComparing(id -> id));
        Map<String, Long> places = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            places.put(order.get(i), i + 1L);
        }
        long wrong = entries.stream().filter(e -> !places.get((String) e.get("entryId")).equals(((Number) e.get("place")).longValue())).count();
        check(wrong == 0, "every published place is the recomputed one (" + wrong + " differ)");

        if (receipt != null) {
            Map<String, String> joined = new HashMap<>();
            entries.forEach(e -> joined.put((String) e.get("entryId"), (String) e.get("joinedAt")));
            checkReceipt(receipt, eventId, object(published.get("receiptKey")), places, joined, onSaleAt);
        }
        System.out.println(failed ? "FAILED" : "all checks passed");
        System.exit(failed ? 1 : 0);
    }

    /**
     * A receipt is qr1.CLAIMS.PATH.JWS: the claims (base64url JSON), the Merkle path from the claims' leaf to the
     * root of their batch (base64url, 33 bytes a step: 0 = sibling on the left, 1 = on the right, then its hash),
     * and the batch's root signed as a compact JWS (ES256). Leaf SHA-256(0x00 || claims), node SHA-256(0x01 || l || r).
     */
    private static void checkReceipt(String receipt, String eventId, Map<String, Object> jwk, Map<String, Long> places,
                                     Map<String, String> joined, Instant onSaleAt) throws Exception {
        String[] parts = receipt.strip().split("\\.", -1);
        if (parts.length != 6 || !parts[0].equals("qr1")) {
            check(false, "the receipt has the form qr1.claims.path.signed-root");
            return;
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        byte[] claimsBytes = b64.decode(parts[1]);
        byte[] path = b64.decode(parts[2]);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        byte[] hash = sha.digest(claimsBytes);
        boolean steps = path.length % 33 == 0;
        for (int at = 0; at + 33 <= path.length; at += 33) {
            steps &= path[at] == 0 || path[at] == 1;
            byte[] sibling = java.util.Arrays.copyOfRange(path, at + 1, at + 33);
            sha.update((byte) 1);
            sha.update(path[at] == 0 ? sibling : hash);
            hash = sha.digest(path[at] == 0 ? hash : sibling);
        }
        Map<String, Object> header = object(new Json(new String(b64.decode(parts[3]), StandardCharsets.UTF_8)).value());
        Map<String, Object> root = object(new Json(new String(b64.decode(parts[4]), StandardCharsets.UTF_8)).value());
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initVerify(publicKey(jwk));
        ecdsa.update((parts[3] + "." + parts[4]).getBytes(StandardCharsets.US_ASCII));
        boolean signed = "ES256".equals(header.get("alg")) && "queue-receipt-batch".equals(header.get("typ"))
                && ecdsa.verify(b64.decode(parts[5]));
        check(signed, "the receipt's batch is signed with the published receipt key");
        boolean inBatch = steps && HEX.formatHex(hash).equals(root.get("root"));
        check(inBatch, "the receipt's claims are a leaf of the signed batch");
        if (!signed || !inBatch) {
            return;
        }
        Map<String, Object> claims = object(new Json(new String(claimsBytes, StandardCharsets.UTF_8)).value());
        check("queue-receipt".equals(claims.get("typ")), "the receipt's claims are a queue receipt's");
        check(eventId.equals(claims.get("evt")), "the receipt is for event " + eventId);
        String entryId = (String) claims.get("ent");
        System.out.println("receipt     entry " + entryId + ", joined " + claims.get("jat") + (Boolean.TRUE.equals(claims.get("pre"))
                ? ", in the pre-queue" : ", after the opening"));
        Instant joinedAt = Instant.parse((String) claims.get("jat"));
        // (a join a moment before the opening by a node whose clock was behind may be queued after it: not the converse)
        check(!Boolean.TRUE.equals(claims.get("pre")) || joinedAt.isBefore(onSaleAt), "a pre-queue receipt joined before the opening");
        if (Boolean.TRUE.equals(claims.get("pre"))) {
            Long place = places.get(entryId);
            check(place != null, "the receipt's entry is in the published pre-queue");
            check(place == null || Instant.parse(joined.get(entryId)).equals(joinedAt), "the published entry has the receipt's join time");
            if (place != null) {
                System.out.println("place       " + place + " of " + places.size());
            }
        } else {
            System.out.println("place       in order of arrival, behind the " + places.size() + " entries of the pre-queue");
        }
    }

    private static PublicKey publicKey(Map<String, Object> jwk) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        Base64.Decoder b64 = Base64.getUrlDecoder();
        ECPoint point = new ECPoint(new BigInteger(1, b64.decode((String) jwk.get("x"))), new BigInteger(1, b64.decode((String) jwk.get("y"))));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
    }

    private static void check(boolean passed, String what) {
        System.out.println((passed ? "ok          " : "FAILED      ") + what);
        failed |= !passed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    /** Just enough JSON: objects, arrays, strings, numbers, true, false, null. */
    private static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object value() {
            skip();
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                at++;
                skip();
                if (text.charAt(at) == '}') {
                    at++;
                    return object;
                }
                do {
                    skip();
                    String key = string();
                    skip();
                    expect(':');
                    object.put(key, value());
                    skip();
                } while (text.charAt(at++) == ',');
                return object;
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                skip();
                if (text.charAt(at) == ']') {
                    at++;
                    return array;
                }
                do {
                    array.add(value());
                    skip();
                } while (text.charAt(at++) == ',');
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String number = text.substring(start, at);
            return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
            at++;
            return out.toString();
        }

        private void expect(char c) {
            if (text.charAt(at++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (at - 1));
            }
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
