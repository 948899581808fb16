/**
 * Venues, seat layouts, events and price categories: organizer commands and public browse queries.
 */
@NullMarked
package org.boxoffice.catalog;

import org.jspecify.annotations.NullMarked;
