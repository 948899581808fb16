package org.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.support.Chromium;
import org.boxoffice.waitingroom.WaitingRoomService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The queue page in a real headless Chromium (Debian's chromium and chromium-driver; nothing is downloaded):
 * sign in, solve the proof of work in the browser, wait with a live position, get admitted, hold seats.
 * Skipped on a laptop without Chromium; in CI (CI=true) its absence is a failure.
 */
class QueuePageBrowserTests extends BrowserTest {
    @Autowired
    WaitingRoomService waitingRoom;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.open();
    }

    @Test
    void aFanSignsInQueuesIsAdmittedAndIsHandedOffToTheSeatMapWhereTheHoldGoesThrough() {
        String eventId = fixtures.event(fixtures.venue(1, 2, 10)).onSaleAt(CLOCK.instant().minusSeconds(60))
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", 60, "maxActiveUsers", 10, "prequeueMinutes", 10,
                        "proofOfWorkMaxNumber", 3000))
                .create();
        String email = "browser-" + UUID.randomUUID() + "@example.com";
        assertThat(api.post("/api/v1/auth/register", null, Map.of("email", email, "password", "plum-orbit-kettle-37",
                "displayName", "Browser Fan")).status()).isEqualTo(201);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(url("/queue.html?event=" + eventId));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("email"))).sendKeys(email);
        browser.findElement(By.name("password")).sendKeys("plum-orbit-kettle-37");
        browser.findElement(By.cssSelector("#signin-form button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("join-button"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("waiting")));

        assertThat(browser.findElement(By.id("event-name")).getText()).startsWith("Event ");
        assertThat(browser.findElement(By.id("position")).getText()).isEqualTo("You are number 1");
        assertThat(browser.findElement(By.id("eta")).getText()).startsWith("Estimated wait");

        CLOCK.advance(Duration.ofSeconds(2));
        waitingRoom.admitDueQueues();
        // the page notices on its own next poll (every 2 s this near the front of the line), then hands off to the seat map
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admitted")));
        Chromium.screenshot(browser, "queue-admitted");
        wait.until(ExpectedConditions.urlContains("/event.html?event=" + eventId));
        wait.until(d -> d.findElements(By.cssSelector("#map circle[data-status='AVAILABLE']")).size() == 20);
        assertThat(browser.findElement(By.id("queue-note")).isDisplayed()).isFalse();
        browser.findElements(By.cssSelector("#map circle")).get(0).click();
        browser.findElement(By.id("hold-selected")).click();
        // the hold goes through only with the admission token, which the event page took over from the queue page
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holding")));
        assertThat(browser.findElement(By.id("held-seats")).getText()).startsWith("A Row 1 Seat 1");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnlyOnce("HELD");
        Chromium.screenshot(browser, "queue-handed-off-and-held");
    }
}
