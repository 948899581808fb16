/**
 * Live seat maps over Server-Sent Events: a snapshot, then coalesced changes at most once a second per
 * client, resumable with Last-Event-ID, with heartbeats and slow clients dropped rather than waited for.
 */
@NullMarked
package org.boxoffice.seatmap;

import org.jspecify.annotations.NullMarked;
