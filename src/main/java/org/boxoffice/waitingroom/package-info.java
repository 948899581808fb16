/**
 * The virtual waiting room of an on-sale: a pre-queue shuffled at sale start, then arrival order; admission at
 * a smoothed rate under a cap of active buyers; signed admission tokens; proof-of-work and rate limits.
 * Port {@link org.boxoffice.waitingroom.Queues} with an in-process and a Redis adapter.
 */
@NullMarked
package org.boxoffice.waitingroom;

import org.jspecify.annotations.NullMarked;
