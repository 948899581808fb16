package org.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.boxoffice.inventory.ExpiringHolds;
import org.boxoffice.support.Chromium;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The fan's pages in a real headless Chromium: the seat map, holding, paying, the orders page, live seat updates. */
class FanPagesBrowserTests extends BrowserTest {
    @Autowired
    ExpiringHolds expiring;

    private WebDriver otherBrowser;

    @AfterEach
    void closeTheOtherBrowser() {
        if (otherBrowser != null) {
            otherBrowser.quit();
        }
    }

    @Test
    void aBuyerSignsUpPicksTwoSeatsOnTheMapHoldsPaysSeesTheOrderAndCancelsIt() {
        String eventId = fixtures.event(fixtures.venue(1, 2, 10)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        browser = Chromium.open();
        WebDriverWait wait = Browsers.patiently(browser, 20);

        browser.get(url("/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-event-id='" + eventId + "'] a"))).click();
        wait.until(d -> d.findElements(By.cssSelector("#map circle[data-status='AVAILABLE']")).size() == 20);
        Browsers.signUp(browser, wait);
        List<WebElement> free = browser.findElements(By.cssSelector("#map circle[data-status='AVAILABLE']"));
        List<String> picked = List.of(free.get(4).getAttribute("data-seat-id"), free.get(5).getAttribute("data-seat-id"));
        free.get(4).click();
        free.get(5).click();
        assertThat(browser.findElements(By.cssSelector("#map circle.selected"))).hasSize(2);
        Chromium.screenshot(browser, "fan-1-two-seats-picked");

        browser.findElement(By.id("hold-selected")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holding")));
        assertThat(browser.findElements(By.cssSelector("#held-seats li"))).hasSize(2);
        assertThat(browser.findElement(By.id("countdown")).getText()).endsWith("left");
        assertThat(statuses(eventId, picked)).containsOnly("HELD");
        Chromium.screenshot(browser, "fan-2-held");

        browser.findElement(By.id("pay")).click();
        WebElement confirmation = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation")));
        String orderId = confirmation.getAttribute("data-order-id");
        assertThat(confirmation.getText()).contains(orderId, "confirmed");
        assertThat(statuses(eventId, picked)).containsOnly("SOLD");
        Chromium.screenshot(browser, "fan-3-confirmed");

        browser.get(url("/orders.html"));
        By order = By.cssSelector("tr[data-order-id='" + orderId + "']");
        wait.until(ExpectedConditions.attributeToBe(order, "data-status", "CONFIRMED"));
        browser.findElement(order).findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.attributeToBe(order, "data-status", "CANCELLED"));
        assertThat(statuses(eventId, picked)).containsOnly("AVAILABLE");
        Chromium.screenshot(browser, "fan-4-cancelled");
    }

    @Test
    void aHoldMadeInOneBrowserShowsAsHeldInAnotherWithinTwoSecondsAndASaleAsSold() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        otherBrowser = Chromium.open();
        otherBrowser.get(url("/event.html?event=" + eventId));
        Browsers.patiently(otherBrowser, 20)
                .until(d -> d.findElements(By.cssSelector("#map circle[data-status='AVAILABLE']")).size() == 10);
        browser = Chromium.open();
        WebDriverWait wait = signedUpOnTheEventPage(eventId, 10);
        WebElement seat = browser.findElements(By.cssSelector("#map circle")).get(3);
        String seatId = seat.getAttribute("data-seat-id");
        seat.click();
        browser.findElement(By.id("hold-selected")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holding")));

        By inOther = By.cssSelector("#map circle[data-seat-id='" + seatId + "']");
        Browsers.patiently(otherBrowser, 2).until(ExpectedConditions.attributeToBe(inOther, "data-status", "HELD"));
        Chromium.screenshot(otherBrowser, "watcher-1-held");

        browser.findElement(By.id("pay")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation")));
        Browsers.patiently(otherBrowser, 2).until(ExpectedConditions.attributeToBe(inOther, "data-status", "SOLD"));
        Chromium.screenshot(otherBrowser, "watcher-2-sold");
    }

    @Test
    void seatsTakenBetweenPickAndHoldAreMarkedWithTheApisUnavailableSeatIds() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        browser = Chromium.open();
        // without its seat stream (blocked here), the page reads the map once and hears of the taken seat only from
        // the hold's answer, however the stream's ticks fall
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/seats/stream*")));
        WebDriverWait wait = signedUpOnTheEventPage(eventId, 10);
        List<WebElement> seats = browser.findElements(By.cssSelector("#map circle"));
        String taken = seats.get(0).getAttribute("data-seat-id");
        seats.get(0).click();
        seats.get(1).click();
        // someone else is faster, and the page has not heard of it yet when the buyer clicks "hold"
        assertThat(fixtures.hold(TestTokens.fan(), eventId, List.of(taken)).status()).isEqualTo(201);
        browser.findElement(By.id("hold-selected")).click();
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("#map circle[data-seat-id='" + taken + "']"), "class", "taken"));
        assertThat(browser.findElement(By.id("error")).getText()).contains("Someone else just took");
        assertThat(browser.findElement(By.id("holding")).isDisplayed()).isFalse();
        Chromium.screenshot(browser, "fan-seat-taken");
    }

    @Test
    void aTenThousandSeatMapIsDrawnAndAnswersAClickInUnderTwoSeconds() {
        String eventId = fixtures.event(fixtures.venue(4, 25, 100)).category("Front", "80.00", "A", "D")
                .category("Middle", "60.00", "B", "C").onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        List<String> seats = fixtures.seatIds(eventId);
        for (int row = 9; row < 14; row++) { // around the middle of the venue, where the zoomed-in view looks
            fixtures.holdId(TestTokens.fan(), eventId, seats.subList(2500 + row * 100 + 90, 2500 + row * 100 + 98));
            fixtures.buy(TestTokens.fan(), eventId, seats.subList(5000 + row * 100 + 2, 5000 + row * 100 + 8));
        }
        browser = Chromium.open();
        WebDriverWait wait = Browsers.patiently(browser, 30);
        browser.get(url("/event.html?event=" + eventId));
        wait.until(d -> d.findElements(By.cssSelector("#map circle")).size() == 10_000
                && ((Number) ((JavascriptExecutor) d).executeScript("return performance.getEntriesByName('seats-drawn').length;"))
                .intValue() > 0);
        // from the page's start to the last seat drawn, and from a click to its seat shown as picked, in the page's own clock
        Number drawnAfter = (Number) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByName('seats-drawn').at(-1).startTime;");
        for (int i = 0; i < 4; i++) {
            browser.findElement(By.id("zoom-in")).click(); // at the whole venue a seat is a pixel wide, as on a phone
        }
        Object inView = ((JavascriptExecutor) browser).executeScript("""
                const box = document.getElementById('map').getBoundingClientRect();
                const seat = [...document.querySelectorAll('#map circle[data-status=AVAILABLE]')].find((c) => {
                  const r = c.getBoundingClientRect();
                  return r.left > box.left + 20 && r.right < box.right - 20 && r.top > box.top + 20 && r.bottom < box.bottom - 20;
                });
                return seat ? seat.getAttribute('data-seat-id') : 'none';""");
        WebElement seat = browser.findElement(By.cssSelector("#map circle[data-seat-id='" + inView + "']"));
        long clicked = System.nanoTime();
        seat.click();
        wait.until(ExpectedConditions.attributeContains(seat, "class", "selected"));
        long answeredMillis = (System.nanoTime() - clicked) / 1_000_000;
        Chromium.screenshot(browser, "fan-10000-seats");
        System.out.printf("10,000 seats drawn %.0f ms after the page started; a click answered in %d ms%n",
                drawnAfter.doubleValue(), answeredMillis);

        assertThat(drawnAfter.doubleValue()).isLessThan(2_000);
        assertThat(answeredMillis).isLessThan(2_000);
    }

    @Test
    void aHundredThousandSeatVenueShowsSectionsWhenZoomedOutAndDrawsOnlyTheSeatsInViewWhenZoomedIn() {
        String eventId = fixtures.event(fixtures.venue(10, 100, 100))
                .category("Everywhere", "40.00", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J")
                .onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        browser = Chromium.open();
        // from the page's first script on: every long task (the main thread busy over 50 ms, the page frozen meanwhile)
        ((ChromeDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.longTasks = [];
                new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration)))
                  .observe({ type: 'longtask', buffered: true });"""));
        WebDriverWait wait = Browsers.patiently(browser, 60);
        browser.get(url("/event.html?event=" + eventId));
        wait.until(d -> number(d, "return performance.getEntriesByName('seats-drawn').length;").intValue() > 0);
        double drawnAfter = number(browser, "return performance.getEntriesByName('seats-drawn').at(-1).startTime;").doubleValue();
        assertThat(browser.findElements(By.cssSelector("#map g.section"))).hasSize(10);
        assertThat(browser.findElements(By.cssSelector("#map circle"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#map g.section[data-section='C']")).getAttribute("aria-label"))
                .isEqualTo("Section C, 10,000 of 10,000 seats available");
        Chromium.screenshot(browser, "fan-100000-seats-zoomed-out");

        // a click on a section zooms to it: its seats are drawn, and no others far away
        browser.findElement(By.cssSelector("#map g.section[data-section='C'] rect")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#map circle")).isEmpty());
        int drawnInSection = browser.findElements(By.cssSelector("#map circle")).size();
        assertThat(drawnInSection).isBetween(1_000, 12_000);
        assertThat(number(browser, """
                const box = document.getElementById('map').getBoundingClientRect();
                return [...document.querySelectorAll('#map circle')].filter((c) => {
                  const r = c.getBoundingClientRect();
                  return r.right < box.left - 10 || r.left > box.right + 10 || r.bottom < box.top - 10 || r.top > box.bottom + 10;
                }).length;""").intValue()).as("seats drawn outside the view").isZero();
        for (int i = 0; i < 3; i++) {
            browser.findElement(By.id("zoom-in")).click();
        }
        wait.until(d -> d.findElements(By.cssSelector("#map circle")).size() < drawnInSection / 2);
        WebElement seat = browser.findElement(By.cssSelector("#map circle[data-seat-id='" + text(browser, """
                const box = document.getElementById('map').getBoundingClientRect();
                return [...document.querySelectorAll('#map circle')].find((c) => {
                  const r = c.getBoundingClientRect();
                  return r.left > box.left + 20 && r.right < box.right - 20 && r.top > box.top + 20 && r.bottom < box.bottom - 20;
                }).getAttribute('data-seat-id');""") + "']"));
        long clicked = System.nanoTime();
        seat.click();
        wait.until(ExpectedConditions.attributeContains(seat, "class", "selected"));
        long answeredMillis = (System.nanoTime() - clicked) / 1_000_000;
        double longestTask = number(browser, "return Math.max(0, ...window.longTasks);").doubleValue();
        Chromium.screenshot(browser, "fan-100000-seats-zoomed-in");
        System.out.printf("100,000 seats: sections drawn %.0f ms after the page started; %d seats drawn for one section;"
                + " a click answered in %d ms; longest task %.0f ms%n", drawnAfter, drawnInSection, answeredMillis, longestTask);

        assertThat(drawnAfter).isLessThan(5_000);
        assertThat(answeredMillis).isLessThan(2_000);
        assertThat(longestTask).isLessThan(1_000);
    }

    @Test
    void aHoldLeftToExpireShowsAsExpiredAndItsSeatsReturnToAvailable() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).set("holdSeconds", 4).onSaleAt(CLOCK.instant().minusSeconds(60))
                .create();
        browser = Chromium.open();
        WebDriverWait wait = signedUpOnTheEventPage(eventId, 10);
        WebElement seat = browser.findElements(By.cssSelector("#map circle")).get(2);
        String seatId = seat.getAttribute("data-seat-id");
        seat.click();
        CLOCK.set(Instant.now()); // the service's time stands still in tests: the hold's 4 s start now, as the page's do
        browser.findElement(By.id("hold-selected")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holding")));

        // the page counts down on its own; the service, on the test's clock, lets the hold go when the clock says so
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "Your hold has expired"));
        assertThat(browser.findElement(By.id("holding")).isDisplayed()).isFalse();
        CLOCK.advance(Duration.ofSeconds(5));
        expiring.expireDueHolds(); // the sweeper, driven by the tests (every second in a running service)
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#map circle[data-seat-id='" + seatId + "']"), "data-status",
                "AVAILABLE"));
        assertThat(fixtures.seatStatuses(eventId).get(seatId)).isEqualTo("AVAILABLE");
        Chromium.screenshot(browser, "fan-hold-expired");
    }

    @Test
    void seatsArePickedByKeyboardAndHaveNamesThatSayWhereAndHowMuch() {
        String eventId = fixtures.event(fixtures.venue(1, 2, 10)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        browser = Chromium.open();
        WebDriverWait wait = Browsers.patiently(browser, 20);
        browser.get(url("/event.html?event=" + eventId));
        wait.until(d -> d.findElements(By.cssSelector("#map circle[data-status='AVAILABLE']")).size() == 20);

        WebElement map = browser.findElement(By.id("map"));
        new Actions(browser).moveToElement(browser.findElement(By.id("zoom-reset"))).click()
                .sendKeys(Keys.TAB, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_DOWN, Keys.ENTER).perform();

        WebElement picked = browser.findElement(By.cssSelector("#map circle.selected"));
        assertThat(picked.getAttribute("aria-label")).isEqualTo("Section A, row 2, seat 3, 50.00 EUR, available");
        assertThat(map.getAttribute("aria-activedescendant")).isEqualTo(picked.getAttribute("id"));
        assertThat(browser.findElements(By.cssSelector("#selection li"))).hasSize(1);
    }

    /** The event's page in {@code browser}, its map drawn with {@code available} seats for sale, a new buyer signed up. */
    private WebDriverWait signedUpOnTheEventPage(String eventId, int available) {
        return Browsers.signedUpOnTheEventPage(browser, url("/event.html?event=" + eventId), available);
    }

    private static Number number(WebDriver browser, String script) {
        return (Number) ((JavascriptExecutor) browser).executeScript(script);
    }

    private static String text(WebDriver browser, String script) {
        return (String) ((JavascriptExecutor) browser).executeScript(script);
    }

    private List<String> statuses(String eventId, List<String> seatIds) {
        Map<String, String> all = fixtures.seatStatuses(eventId);
        return seatIds.stream().map(all::get).toList();
    }

}
