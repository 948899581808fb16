package org.boxoffice.web;

import java.time.Instant;
import org.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebDriver;

/**
 * A test of the pages in a real headless Chromium ({@code Chromium.open()}), against the service on a random port.
 * The service's clock starts each test at real time: the pages count holds down on the time of the answers' Date header.
 */
abstract class BrowserTest extends IntegrationTest {
    protected WebDriver browser;

    @BeforeEach
    void serviceClockAtRealTime() {
        CLOCK.set(Instant.now());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
