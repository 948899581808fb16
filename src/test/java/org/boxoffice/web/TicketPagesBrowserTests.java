package org.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.boxoffice.support.Chromium;
import org.boxoffice.support.TestTokens;
import org.boxoffice.ticketing.internal.TicketCodes;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The ticket in the buyer's browser, and the door's scanner page, in a real headless Chromium. */
class TicketPagesBrowserTests extends BrowserTest {

    @Test
    void theTicketPageShowsACodeThatChangesWhenItsFifteenSecondsAreOver() {
        String fan = TestTokens.fan();
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        JsonNode order = fixtures.buy(fan, eventId, fixtures.seatIds(eventId).subList(0, 1));
        browser = Chromium.open();
        WebDriverWait wait = Browsers.patiently(browser, 30);
        browser.get(url("/"));
        Browsers.signInWithToken(browser, fan);

        browser.get(url("/tickets.html?order=" + order.path("orderId").asString()));
        By code = By.cssSelector("section.ticket img.qr[data-payload]");
        String first = wait.until(ExpectedConditions.presenceOfElementLocated(code)).getAttribute("data-payload");
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return document.querySelector('img.qr').naturalWidth;")).intValue() > 0);
        assertThat(browser.findElement(By.cssSelector("section.ticket h2")).getText()).isEqualTo("A Row 1 Seat 1");
        Chromium.screenshot(browser, "ticket-1-code");

        // the service's clock moves on a window; the page asks again when its code's window is over (real time, ≤ 15 s)
        CLOCK.advance(TicketCodes.STEP);
        String second = wait.until(d -> {
            String now = d.findElement(code).getAttribute("data-payload");
            return now.equals(first) ? null : now;
        });
        assertThat(Long.parseLong(second.split("\\.")[3])).isEqualTo(Long.parseLong(first.split("\\.")[3]) + 1);
        Chromium.screenshot(browser, "ticket-2-code-rotated");
    }

    @Test
    void theDoorSaysInInGreenOnceAndAlreadyInInRedAfter() {
        String fan = TestTokens.fan();
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        JsonNode order = fixtures.buy(fan, eventId, fixtures.seatIds(eventId).subList(0, 1));
        String payload = api.get("/api/v1/orders/" + order.path("orderId").asString() + "/tickets/"
                + order.path("tickets").get(0).path("ticketId").asString() + "/code", fan).text("payload");
        browser = Chromium.open();
        WebDriverWait wait = Browsers.patiently(browser, 20);
        browser.get(url("/"));
        Browsers.signInWithToken(browser, TestTokens.token(TestTokens.newUserId(), List.of("SCANNER")));

        browser.get(url("/scanner.html?event=" + eventId));
        WebElement barcode = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("barcode")));
        barcode.sendKeys(payload, Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(By.id("answer"), "data-result", "in"));
        assertThat(browser.findElement(By.id("answer")).getText()).isEqualTo("In: A Row 1 Seat 1");
        Chromium.screenshot(browser, "door-1-in");

        browser.findElement(By.id("barcode")).sendKeys(payload, Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(By.id("answer"), "data-result", "out"));
        assertThat(browser.findElement(By.id("answer")).getText()).isEqualTo("Already in");
        assertThat(browser.findElement(By.id("answer-detail")).getText()).startsWith("Already checked in.").contains("First scan at");
        Chromium.screenshot(browser, "door-2-already-in");
    }
}
