package org.boxoffice.inventory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.jspecify.annotations.Nullable;

/**
 * Writes the seat map ({@link SeatMap}'s shape: {@code {eventId, seq, seats: [{id, section, row, number, label, x, y,
 * categoryId, status}]}}) straight from the seating plan and a snapshot into bytes, without building a list of
 * objects first: a 200,000-seat map is 27 MB of JSON, and it must not cost that twice per request.
 */
public final class SeatMapJson {
    private static final byte[][] STATUS = new byte[SeatStatus.values().length][];

    static {
        for (SeatStatus status : SeatStatus.values()) {
            STATUS[status.code()] = ("\"status\":\"" + status.name() + "\"}").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final Sink out;

    private SeatMapJson(Sink out) {
        this.out = out;
    }

    /** The whole map as one array of bytes. */
    public static byte[] encode(SeatingPlan plan, SeatSnapshot snapshot) {
        Sink sink = new Sink(null, Math.max(256, plan.size() * 140));
        new SeatMapJson(sink).map(plan, snapshot, null);
        return sink.bytes();
    }

    /** The map, or only the seats in one status, written to a stream as it is produced. */
    public static void write(SeatingPlan plan, SeatSnapshot snapshot, @Nullable SeatStatus only, OutputStream stream) {
        Sink sink = new Sink(stream, 16 * 1024);
        new SeatMapJson(sink).map(plan, snapshot, only);
        sink.flush();
    }

    private void map(SeatingPlan plan, SeatSnapshot snapshot, @Nullable SeatStatus only) {
        out.ascii("{\"eventId\":\"").number(plan.event().id()).ascii("\",\"seq\":").number(snapshot.seq()).ascii(",\"seats\":[");
        boolean first = true;
        for (int position = 0; position < plan.size(); position++) {
            SeatStatus status = snapshot.status(position);
            if (only != null && status != only) {
                continue;
            }
            if (!first) {
                out.ascii(",");
            }
            first = false;
            Seat seat = plan.seat(position);
            out.ascii("{\"id\":\"").number(seat.id()).ascii("\",\"section\":").string(seat.section())
                    .ascii(",\"row\":").string(seat.row()).ascii(",\"number\":").number(seat.number())
                    .ascii(",\"label\":").string(seat.label()).ascii(",\"x\":").number(seat.x()).ascii(",\"y\":").number(seat.y())
                    .ascii(",\"categoryId\":");
            if (seat.categoryId() == null) {
                out.ascii("null,");
            } else {
                out.ascii("\"").number(seat.categoryId()).ascii("\",");
            }
            out.bytes(STATUS[status.code()]);
        }
        out.ascii("]}");
    }

    /** A growable buffer that hands full chunks to a stream when it has one. */
    private static final class Sink {
        private final @Nullable OutputStream stream;
        private byte[] buffer;
        private int size;

        Sink(@Nullable OutputStream stream, int capacity) {
            this.stream = stream;
            this.buffer = new byte[capacity];
        }

        Sink ascii(String text) {
            room(text.length());
            for (int i = 0; i < text.length(); i++) {
                buffer[size++] = (byte) text.charAt(i);
            }
            return this;
        }

        Sink number(long value) {
            return ascii(Long.toString(value));
        }

        Sink bytes(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
            return this;
        }

        /** A JSON string as Jackson writes it: quotes, backslashes and control characters escaped, the rest UTF-8. */
        Sink string(String text) {
            room(text.length() + 2);
            buffer[size++] = '"';
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                    room(1);
                    buffer[size++] = (byte) c;
                } else if (c == '"' || c == '\\') {
                    room(2);
                    buffer[size++] = '\\';
                    buffer[size++] = (byte) c;
                } else if (c < 0x20) {
                    ascii(String.format("\\u%04x", (int) c));
                } else {
                    int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                    bytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                    i = end - 1;
                }
            }
            room(1);
            buffer[size++] = '"';
            return this;
        }

        private void room(int needed) {
            if (size + needed <= buffer.length) {
                return;
            }
            if (stream != null) {
                flush();
                if (needed <= buffer.length) {
                    return;
                }
            }
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + needed));
        }

        void flush() {
            if (stream == null || size == 0) {
                return;
            }
            try {
                stream.write(buffer, 0, size);
                size = 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
