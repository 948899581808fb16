package org.boxoffice.seatmap.internal;

import java.util.zip.CRC32;

/**
 * The gzip framing around a stream of {@link Frame}s: the header before the first, the checksum of everything sent,
 * and the trailer (an empty final deflate block, CRC-32 and length) when the stream ends. No compressor is kept per
 * client: each frame is compressed once for all of them.
 */
final class GzipStream {
    /** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
    static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private final CRC32 crc = new CRC32();
    private long size;

    void sent(Frame frame) {
        frame.addTo(crc);
        size += frame.length();
    }

    byte[] trailer() {
        long checksum = crc.getValue();
        return new byte[] {3, 0, // an empty final block with fixed codes
                (byte) checksum, (byte) (checksum >> 8), (byte) (checksum >> 16), (byte) (checksum >> 24),
                (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)};
    }
}
