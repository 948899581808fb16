package org.boxoffice.inventory;

import org.boxoffice.infrastructure.web.ContentCoding;

/**
 * An event's whole seat map at one change number, encoded once and shared by every reader of that version: the
 * JSON bytes, and their gzip form made the first time a reader asks for it.
 */
public final class SeatMapDocument {
    private final long eventId;
    private final long seq;
    private final byte[] json;
    private volatile byte[] gzip;

    SeatMapDocument(long eventId, long seq, byte[] json) {
        this.eventId = eventId;
        this.seq = seq;
        this.json = json;
    }

    public long eventId() {
        return eventId;
    }

    public long seq() {
        return seq;
    }

    /** The JSON bytes; shared, never to be changed by a caller. */
    public byte[] json() {
        return json;
    }

    public byte[] gzip() {
        byte[] compressed = gzip;
        if (compressed == null) {
            synchronized (this) {
                if (gzip == null) {
                    gzip = ContentCoding.gzip(json);
                }
                compressed = gzip;
            }
        }
        return compressed;
    }
}
