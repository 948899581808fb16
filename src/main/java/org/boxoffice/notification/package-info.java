/**
 * Mails to buyers from domain events (order confirmed, cancelled, refunded), through Spring Modulith's event
 * publication registry on JDBC: a mail goes out only if its transaction committed, is retried while SMTP is down,
 * survives a node's crash, and is sent once per order and kind.
 */
@NullMarked
package org.boxoffice.notification;

import org.jspecify.annotations.NullMarked;
