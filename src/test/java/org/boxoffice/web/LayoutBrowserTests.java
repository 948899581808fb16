package org.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.boxoffice.support.Chromium;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Every page fits a 375 px phone and a 1440 px desktop: nothing wider than the screen, the seat map on screen. */
class LayoutBrowserTests extends BrowserTest {
    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {375, 1440})
    void everyPageFitsTheScreenWithoutSidewaysScrolling(int width) {
        String eventId = fixtures.event(fixtures.venue(4, 25, 100)).category("Front", "80.00", "A", "D")
                .category("Middle", "60.00", "B", "C").onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        String queuedEventId = fixtures.event(fixtures.venue(1, 1, 10)).onSaleAt(CLOCK.instant().minusSeconds(60))
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", 60, "maxActiveUsers", 10, "prequeueMinutes", 10,
                        "proofOfWorkMaxNumber", 1000))
                .create();
        browser = Chromium.open();
        browser.manage().window().setSize(new Dimension(width, 900));
        browser.get(url("/"));
        assertThat(number("return window.innerWidth;")).as("the page is as wide as asked").isEqualTo(width);
        Browsers.signInWithToken(browser, fixtures.organizerToken());
        WebDriverWait wait = Browsers.patiently(browser, 30);

        Map<String, String> pages = Map.of(
                "home", "/",
                "event", "/event.html?event=" + eventId,
                "orders", "/orders.html",
                "organizer", "/organizer.html",
                "dashboard", "/dashboard.html?event=" + eventId,
                "queue", "/queue.html?event=" + queuedEventId);
        for (Map.Entry<String, String> page : pages.entrySet()) {
            browser.get(url(page.getValue()));
            wait.until(d -> number("return document.querySelectorAll('main *').length;") > 5);
            if (page.getKey().equals("event") || page.getKey().equals("dashboard")) {
                wait.until(d -> d.findElements(By.cssSelector("#map circle")).size() == 10_000);
                assertThat(number("""
                        const map = document.getElementById('map').getBoundingClientRect();
                        return map.left >= 0 && map.right <= window.innerWidth && map.width > 300 ? 1 : 0;""")).as(page.getKey()
                        + ": the seat map within the screen").isEqualTo(1);
            }
            Chromium.screenshot(browser, "layout-" + width + "-" + page.getKey());
            assertThat(number("return document.documentElement.scrollWidth;")).as(page.getKey() + ": the page's width")
                    .isLessThanOrEqualTo(width);
        }
    }

    private long number(String script) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script)).longValue();
    }

}
