package org.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.boxoffice.support.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the pages tell a buyer when the service says no: a message per problem type, and what to do next. */
class BuyerMessagesBrowserTests extends BrowserTest {
    /** How the service's code names a problem type: {@code new ApiProblem(409, "type"}, {@code ApiProblem.badRequest("type"}. */
    private static final Pattern PROBLEM_TYPE = Pattern.compile(
            "new ApiProblem\\(\\s*\\d+,\\s*\"([a-z-]+)\"|ApiProblem\\.[a-zA-Z]+\\(\"([a-z-]+)\"");

    @Test
    void everyProblemTypeOfTheServiceHasAMessageOrADetailWrittenForPeople() throws IOException {
        Set<String> types = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = PROBLEM_TYPE.matcher(Files.readString(source));
                while (matcher.find()) {
                    types.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
                }
            }
        }
        assertThat(types).as("the problem types found in the code").contains("seats-unavailable", "payment-declined",
                "hold-limit-reached", "invalid-request").hasSizeGreaterThan(30);
        browser = Chromium.open();
        browser.get(url("/"));

        @SuppressWarnings("unchecked")
        List<String> withoutMessage = (List<String>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const [types, done] = arguments;
                import('/lib/api.js').then((api) => done(types.filter((t) => !api.MESSAGES[t] && !api.DETAIL_IS_THE_MESSAGE.has(t))));""",
                List.copyOf(types));
        assertThat(withoutMessage).as("problem types the pages have no words for").isEmpty();
        String busy = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[0];
                import('/lib/api.js').then((api) => done(new api.Problem(429,
                  { type: 'https://boxoffice.dev/problems/hold-limit-reached', detail: 'At most 1 holds and hour' }, 1800).message));""");
        assertThat(busy).isEqualTo("You have placed as many holds as this event allows in an hour. Try again in 30 min.");
    }

    @Test
    void aDeclinedCardIsToldAndTheSeatsStayHeldForAnotherCard() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        WebDriverWait wait = signedUpOnTheEventPage(eventId);
        WebElement seat = browser.findElements(By.cssSelector("#map circle")).get(1);
        String seatId = seat.getAttribute("data-seat-id");
        seat.click();
        browser.findElement(By.id("hold-selected")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holding")));

        new Select(browser.findElement(By.name("token"))).selectByValue("tok_declined");
        browser.findElement(By.id("pay")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "The card was declined."));
        assertThat(browser.findElement(By.id("holding")).isDisplayed()).isTrue();
        assertThat(fixtures.seatStatuses(eventId).get(seatId)).isEqualTo("HELD");
        Chromium.screenshot(browser, "message-payment-declined");

        new Select(browser.findElement(By.name("token"))).selectByValue("tok_visa");
        browser.findElement(By.id("pay")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation")));
        assertThat(fixtures.seatStatuses(eventId).get(seatId)).isEqualTo("SOLD");
    }

    @Test
    void aBuyerOverTheHourlyHoldLimitIsToldWhenToTryAgain() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).set("buyerLimits", Map.of("holdsPerBuyerPerHour", 1))
                .onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        WebDriverWait wait = signedUpOnTheEventPage(eventId);
        browser.findElements(By.cssSelector("#map circle")).get(0).click();
        browser.findElement(By.id("hold-selected")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("holding")));
        browser.findElement(By.id("release")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("choose")));

        browser.findElements(By.cssSelector("#map circle")).get(3).click();
        browser.findElement(By.id("hold-selected")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "as many holds as this event allows"));
        assertThat(browser.findElement(By.id("error")).getText()).matches(".* Try again in (\\d+ s|\\d+ min)\\.");
        assertThat(fixtures.seatStatuses(eventId).values()).doesNotContain("HELD");
        Chromium.screenshot(browser, "message-rate-limited");
    }

    @Test
    void aBuyerWithoutATurnInTheWaitingRoomIsSentToTheQueue() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).onSaleAt(CLOCK.instant().minusSeconds(60))
                .set("waitingRoom", Map.of("enabled", true, "admitPerMinute", 60, "maxActiveUsers", 10, "prequeueMinutes", 10,
                        "proofOfWorkMaxNumber", 1000))
                .create();
        WebDriverWait wait = signedUpOnTheEventPage(eventId);
        browser.findElements(By.cssSelector("#map circle")).get(0).click();
        browser.findElement(By.id("hold-selected")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "This sale has a waiting room: join the queue first."));
        WebElement toQueue = browser.findElement(By.id("queue-link"));
        assertThat(toQueue.isDisplayed()).isTrue();
        Chromium.screenshot(browser, "message-admission-required");

        toQueue.click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("join-button")));
        assertThat(browser.getCurrentUrl()).endsWith("/queue.html?event=" + eventId);
    }

    private WebDriverWait signedUpOnTheEventPage(String eventId) {
        browser = Chromium.open();
        return Browsers.signedUpOnTheEventPage(browser, url("/event.html?event=" + eventId), 10);
    }

}
