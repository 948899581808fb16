package org.boxoffice.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param demoData load the demo venue, events and accounts at start when the database has none; blank: true in
 *                     embedded mode, false on a shared database
 * @param demoPassword password of the demo accounts
 */
@ConfigurationProperties("boxoffice")
record DemoSettings(String demoData, String demoPassword) {
}
