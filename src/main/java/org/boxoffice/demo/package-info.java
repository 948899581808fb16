/**
 * Demo data for a first look: a 10,000-seat arena, three events (one on sale now) and demo accounts.
 */
@NullMarked
package org.boxoffice.demo;

import org.jspecify.annotations.NullMarked;
