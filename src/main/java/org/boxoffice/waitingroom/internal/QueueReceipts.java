package org.boxoffice.waitingroom.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.boxoffice.shared.Timestamps;
import org.boxoffice.shared.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queue receipts: what a buyer joined as (event, entry id, join time, pre-queue or not), signed by the service so
 * that anyone can check them with the public key the fairness endpoint publishes.
 *
 * <p>One ES256 signature per join cost a quarter of the node's CPU in the join benchmark (0.74 times the joins a
 * second without receipts), so receipts are signed in batches, as a database commits in groups: joins that arrive
 * while a batch is being signed wait for the next one, whose entries become the leaves of a Merkle tree (leaf
 * SHA-256(0x00 ‖ claims), node SHA-256(0x01 ‖ left ‖ right), an odd node carried up as it is), and only the root
 * is signed. A receipt is {@code qr1.<claims>.<path>.<signed root>}: the claims JSON (base64url), the sibling hashes
 * from the leaf up (base64url of 33 bytes each: 0 when the sibling is on the left, 1 on the right, then the hash),
 * and a compact JWS (ES256, {@code typ: queue-receipt-batch}) whose {@code root} claim is the tree's root in hex.
 * The key pair is drawn by the first node and kept in the database.
 */
@Component
public class QueueReceipts {
    private static final Logger log = LoggerFactory.getLogger(QueueReceipts.class);
    static final String VERSION = "qr1";
    private static final JOSEObjectType BATCH_TYPE = new JOSEObjectType("queue-receipt-batch");
    private static final int MAX_BATCH = 8192;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final HexFormat HEX = HexFormat.of();

    private final ECKey key;
    private final ECDSASigner signer;
    private final ECDSAVerifier verifier;
    private final Clock clock;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread batches;
    private volatile boolean stopped;

    /** The facts a receipt vouches for. */
    public record Receipt(long eventId, String entryId, Instant joinedAt, boolean preQueue) {
    }

    private record Pending(byte[] claims, CompletableFuture<String> receipt) {
    }

    QueueReceipts(JdbcClient jdbc, Clock clock) {
        this.key = readOrCreate(jdbc, clock);
        this.clock = clock;
        try {
            this.signer = new ECDSASigner(key);
            this.verifier = new ECDSAVerifier(key.toPublicJWK());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        this.batches = Thread.ofPlatform().daemon().name("queue-receipts").start(this::signBatches);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        batches.interrupt();
    }

    /** The public key as a JWK. */
    Map<String, Object> publicKey() {
        return key.toPublicJWK().toJSONObject();
    }

    /**
     * The receipt of an entry, once the batch it joined is signed (5 ms and a signature's time). When receipts cannot
     * be signed now: {@link Unavailable}, 503 with Retry-After; the entry itself stays, and joining again returns it.
     */
    public String issue(Receipt receipt) {
        if (stopped) {
            throw new Unavailable("This node is stopping; join again", 1);
        }
        // every value is digits, hex or an ISO instant: nothing to escape
        String claims = "{\"typ\":\"queue-receipt\",\"evt\":\"" + receipt.eventId() + "\",\"ent\":\"" + receipt.entryId()
                + "\",\"jat\":\"" + receipt.joinedAt() + "\",\"pre\":" + receipt.preQueue() + "}";
        Pending waiting = new Pending(claims.getBytes(StandardCharsets.UTF_8), new CompletableFuture<>());
        pending.add(waiting);
        try {
            return waiting.receipt().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("The receipt could not be signed; join again for it", 1);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("A queue receipt could not be signed: {}", e.toString());
            throw new Unavailable("The receipt could not be signed; join again for it", 1);
        }
    }

    private void signBatches() {
        List<Pending> batch = new ArrayList<>();
        while (!stopped) {
            try {
                batch.add(pending.take());
                // joins come in bursts: lingering a moment gathers a batch that one signature covers
                long deadline = System.nanoTime() + LINGER_NANOS;
                for (long left = LINGER_NANOS; left > 0 && batch.size() < MAX_BATCH; left = deadline - System.nanoTime()) {
                    Pending next = pending.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    pending.drainTo(batch, MAX_BATCH - batch.size());
                }
            } catch (InterruptedException stopping) {
                break;
            }
            try {
                sign(batch);
            } catch (Throwable e) {
                // whatever went wrong, the joins waiting for this batch hear of it, and the thread signs the next
                batch.forEach(p -> p.receipt().completeExceptionally(e));
            }
            batch.clear();
        }
        IllegalStateException stopping = new IllegalStateException("the node is stopping");
        batch.forEach(p -> p.receipt().completeExceptionally(stopping));
        pending.forEach(p -> p.receipt().completeExceptionally(stopping));
    }

    private void sign(List<Pending> batch) {
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = batch.stream().map(p -> leaf(p.claims())).toArray(byte[][]::new);
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < up.length; i++) {
                up[i] = 2 * i + 1 < level.length ? node(level[2 * i], level[2 * i + 1]) : level[2 * i];
            }
            levels.add(up);
            level = up;
        }
        String signedRoot = signRoot(HEX.formatHex(level[0]), batch.size());
        for (int i = 0; i < batch.size(); i++) {
            byte[] path = path(levels, i);
            batch.get(i).receipt().complete(VERSION + "." + B64.encodeToString(batch.get(i).claims()) + "." + B64.encodeToString(path)
                    + "." + signedRoot);
        }
    }

    private static byte[] path(List<byte[][]> levels, int index) {
        byte[] path = new byte[33 * levels.size()];
        int length = 0;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            byte[][] level = levels.get(depth);
            int sibling = index ^ 1;
            if (sibling < level.length) {
                path[length] = (byte) (sibling < index ? 0 : 1);
                System.arraycopy(level[sibling], 0, path, length + 1, 32);
                length += 33;
            }
            index /= 2;
        }
        return Arrays.copyOf(path, length);
    }

    private String signRoot(String root, int size) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("typ", BATCH_TYPE.getType()).claim("root", root).claim("size", size)
                .issueTime(Date.from(clock.instant())).build();
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(BATCH_TYPE).keyID(key.getKeyID()).build(), claims);
        try {
            signed.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return signed.serialize();
    }

    /** The receipt's facts when it is one of ours, unaltered; empty otherwise. */
    Optional<Receipt> verify(String receipt) {
        try {
            String[] parts = receipt.split("\\.", -1);
            if (parts.length != 6 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            byte[] claims = B64D.decode(parts[1]);
            byte[] path = B64D.decode(parts[2]);
            if (path.length % 33 != 0) {
                return Optional.empty();
            }
            byte[] hash = leaf(claims);
            for (int at = 0; at < path.length; at += 33) {
                if (path[at] != 0 && path[at] != 1) {
                    return Optional.empty();
                }
                byte[] sibling = Arrays.copyOfRange(path, at + 1, at + 33);
                hash = path[at] == 0 ? node(sibling, hash) : node(hash, sibling);
            }
            SignedJWT root = SignedJWT.parse(parts[3] + "." + parts[4] + "." + parts[5]);
            if (!JWSAlgorithm.ES256.equals(root.getHeader().getAlgorithm()) || !BATCH_TYPE.equals(root.getHeader().getType())
                    || !root.verify(verifier) || !HEX.formatHex(hash).equals(root.getJWTClaimsSet().getStringClaim("root"))) {
                return Optional.empty();
            }
            Map<String, Object> facts = JSONObjectUtils.parse(new String(claims, StandardCharsets.UTF_8));
            if (!"queue-receipt".equals(facts.get("typ"))) {
                return Optional.empty();
            }
            return Optional.of(new Receipt(Long.parseLong((String) facts.get("evt")), (String) facts.get("ent"),
                    Instant.parse((String) facts.get("jat")), (Boolean) facts.get("pre")));
        } catch (ParseException | JOSEException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static byte[] leaf(byte[] claims) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        return sha.digest(claims);
    }

    private static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 1);
        sha.update(left);
        return sha.digest(right);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey readOrCreate(JdbcClient jdbc, Clock clock) {
        Optional<String> stored = jdbc.sql("SELECT jwk FROM queue_receipt_keys WHERE id = 'default'").query(String.class).optional();
        if (stored.isEmpty()) {
            try {
                ECKey generated = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
                jdbc.sql("INSERT INTO queue_receipt_keys (id, jwk, created_at) VALUES ('default', :jwk, :now)")
                        .param("jwk", generated.toJSONString()).param("now", Timestamps.utc(clock.instant())).update();
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                // read below
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            stored = jdbc.sql("SELECT jwk FROM queue_receipt_keys WHERE id = 'default'").query(String.class).optional();
        }
        try {
            return ECKey.parse(stored.orElseThrow());
        } catch (ParseException e) {
            throw new IllegalStateException("the stored queue receipt key is not a valid EC JWK", e);
        }
    }
}
