/**
 * The public read side: the event list and the event page, each event with its live status (on sale, sold out...).
 * Kept apart from the catalog, which owns events, and the inventory, which owns seat state, so that neither has to
 * call the other: this module asks both.
 */
@NullMarked
package org.boxoffice.browse;

import org.jspecify.annotations.NullMarked;
