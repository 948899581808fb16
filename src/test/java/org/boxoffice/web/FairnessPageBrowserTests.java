package org.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.Chromium;
import org.boxoffice.support.ProofOfWorkSolver;
import org.boxoffice.support.TestTokens;
import org.boxoffice.waitingroom.WaitingRoomService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The public fairness page in headless Chromium: the seed checked in the browser, a receipt's place, the report. */
class FairnessPageBrowserTests extends BrowserTest {
    @Autowired
    WaitingRoomService waitingRoom;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.open();
    }

    private String join(String eventId, String token) {
        ApiClient.Response challenge = api.get("/api/v1/events/" + eventId + "/queue/challenge", token);
        ApiClient.Response joined = api.post("/api/v1/events/" + eventId + "/queue", token,
                Map.of("proofOfWork", ProofOfWorkSolver.solve(challenge.json())));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(202);
        return joined.text("receipt");
    }

    @Test
    void showsTheCheckedSeedTheBuyersPlaceFromTheirReceiptAndTheReport() {
        Instant onSaleAt = CLOCK.instant().plus(Duration.ofMinutes(3));
        String eventId = fixtures.event(fixtures.venue(1, 2, 10)).onSaleAt(onSaleAt)
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", 120, "maxActiveUsers", 100, "prequeueMinutes", 10,
                        "proofOfWorkMaxNumber", 2000))
                .create();
        String fan = TestTokens.fan();
        String receipt = join(eventId, fan);
        for (int i = 0; i < 5; i++) {
            CLOCK.advance(Duration.ofSeconds(1));
            join(eventId, TestTokens.fan());
        }
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(url("/fairness.html?event=" + eventId));
        wait.until(d -> d.findElement(By.id("commitment")).getText().length() == 64);
        assertThat(browser.findElement(By.id("seed")).getText()).isEqualTo("revealed when the sale opens");
        assertThat(browser.findElement(By.id("report")).isDisplayed()).isFalse();

        CLOCK.set(onSaleAt.plusMillis(1));
        long position = api.get("/api/v1/events/" + eventId + "/queue/me", fan).json().get("position").asLong();
        for (int i = 0; i < 3; i++) {
            CLOCK.advance(Duration.ofSeconds(1));
            waitingRoom.admitDueQueues();
        }
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report")));
        browser.findElement(By.id("receipt")).sendKeys(receipt);
        browser.findElement(By.cssSelector("#receipt-form button")).click();
        wait.until(d -> d.findElement(By.id("place")).getText().contains("your place in the pre-queue is"));
        Chromium.screenshot(browser, "fairness-page");

        assertThat(browser.findElement(By.id("seed-check")).getAttribute("data-matches")).isEqualTo("true");
        assertThat(browser.findElement(By.id("place")).getText()).endsWith("your place in the pre-queue is " + position + " of 6.");
        assertThat(browser.findElement(By.id("seed-verification")).getText()).startsWith("✓ committed at ").contains("✓ the seed matches its commitment; ✓ the 6");
        assertThat(browser.findElement(By.id("stat-bypass")).getText()).isEqualTo("none");
        assertThat(browser.findElements(By.cssSelector("#rate-chart rect[data-admitted='6']"))).hasSize(1);

        browser.findElement(By.id("receipt")).clear();
        browser.findElement(By.id("receipt")).sendKeys(receipt.substring(0, receipt.length() - 4) + "AAAA");
        browser.findElement(By.cssSelector("#receipt-form button")).click();
        wait.until(d -> !d.findElement(By.id("error")).getText().isEmpty());
        assertThat(browser.findElement(By.id("place")).getText()).isEmpty();
    }
}
