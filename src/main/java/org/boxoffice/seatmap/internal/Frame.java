package org.boxoffice.seatmap.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One Server-Sent Event as bytes, encoded once and written to every client that gets it. Its parts are shared arrays
 * (a snapshot's JSON is the seat map document itself), so a thousand clients of one snapshot hold one copy.
 * For clients that take gzip, the event is also compressed once, as a self-contained run of deflate blocks that
 * ends on a byte boundary; such runs follow each other in one gzip stream (see {@link GzipStream}).
 */
final class Frame {
    private final byte[][] parts;
    private final int length;
    private volatile byte[] deflated;

    private Frame(byte[]... parts) {
        this.parts = parts;
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        this.length = total;
    }

    /** {@code event: name}, {@code id: id} and one line of JSON data. */
    static Frame event(String name, long id, byte[] json) {
        return new Frame(("event: " + name + "\nid: " + id + "\ndata: ").getBytes(StandardCharsets.UTF_8), json,
                "\n\n".getBytes(StandardCharsets.UTF_8));
    }

    static Frame comment(String text) {
        return new Frame((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    int length() {
        return length;
    }

    byte[][] parts() {
        return parts;
    }

    void addTo(CRC32 crc) {
        for (byte[] part : parts) {
            crc.update(part);
        }
    }

    byte[] deflated() {
        byte[] bytes = deflated;
        if (bytes == null) {
            synchronized (this) {
                if (deflated == null) {
                    deflated = deflate();
                }
                bytes = deflated;
            }
        }
        return bytes;
    }

    private byte[] deflate() {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 6));
            byte[] buffer = new byte[16 * 1024];
            for (byte[] part : parts) {
                deflater.setInput(part);
                while (!deflater.needsInput()) {
                    out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
                }
            }
            // a sync flush ends the run on a byte boundary without a final block, so another run may follow
            int written;
            do {
                written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, written);
            } while (written == buffer.length);
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
