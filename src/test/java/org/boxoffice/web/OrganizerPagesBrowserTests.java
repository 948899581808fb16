package org.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import org.boxoffice.account.AccountService;
import org.boxoffice.account.Role;
import org.boxoffice.support.Chromium;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The organizer's pages in a real headless Chromium: venue builder, event form, blocking seats, the sales dashboard. */
class OrganizerPagesBrowserTests extends BrowserTest {
    private static final String PASSWORD = "plum-orbit-kettle-37";
    @Autowired
    AccountService accounts;

    @Test
    void anOrganizerBuildsAVenueAndAnEventThroughTheFormsFindsItOnTheHomePageAndBlocksASeat() {
        String email = "organizer-" + UUID.randomUUID() + "@example.com";
        accounts.provision(email, PASSWORD, "Browser Organizer", EnumSet.of(Role.ORGANIZER, Role.FAN));
        browser = Chromium.open();
        WebDriverWait wait = Browsers.patiently(browser, 20);
        browser.get(url("/organizer.html"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form"))).findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.cssSelector("#signin-form [name=password]")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#signin-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("organizing")));

        // the venue: sections A and B are there to start with; B gets 5 rows, a third section is added
        WebElement venueForm = browser.findElement(By.id("venue-form"));
        String venueName = "Browser Hall " + UUID.randomUUID();
        venueForm.findElement(By.name("name")).sendKeys(venueName);
        WebElement rowsOfB = browser.findElements(By.cssSelector("#sections [name=rows]")).get(1);
        rowsOfB.clear();
        rowsOfB.sendKeys("5");
        browser.findElement(By.id("add-section")).click();
        // the preview follows the form as it is typed: 10×20 + 5×20 + 10×20 seats
        wait.until(d -> d.findElements(By.cssSelector("#venue-preview circle")).size() == 500);
        assertThat(browser.findElement(By.id("venue-summary")).getText()).isEqualTo("3 section(s), 500 seats");
        Chromium.screenshot(browser, "organizer-1-venue-preview");
        venueForm.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("venue-created"), "Venue created with 500 seats"));

        // the event: on sale since an hour ago, section A in its own dearer category, 4 seats per buyer, 300 s holds
        WebElement eventForm = browser.findElement(By.id("event-form"));
        assertThat(new Select(browser.findElement(By.id("venue-select"))).getFirstSelectedOption().getText()).startsWith(venueName);
        String eventName = "Browser Gala " + UUID.randomUUID();
        eventForm.findElement(By.name("name")).sendKeys(eventName);
        ((JavascriptExecutor) browser).executeScript("""
                const local = (ms) => new Date(ms - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);
                arguments[0].elements.onSaleAt.value = local(Date.now() - 3600000);""", eventForm);
        browser.findElement(By.cssSelector("#categories [name=category-section][value=A]")).click();
        browser.findElement(By.id("add-category")).click();
        WebElement front = browser.findElements(By.cssSelector("#categories .category")).get(1);
        front.findElement(By.name("category-name")).clear();
        front.findElement(By.name("category-name")).sendKeys("Front");
        front.findElement(By.name("category-price")).clear();
        front.findElement(By.name("category-price")).sendKeys("80");
        front.findElement(By.cssSelector("[name=category-section][value=A]")).click();
        setNumber(eventForm, "holdSeconds", "300");
        setNumber(eventForm, "maxSeatsPerOrder", "4");
        eventForm.findElement(By.name("staticTicketCodes")).click(); // only the rotating code at the door
        Chromium.screenshot(browser, "organizer-2-event-form");
        eventForm.findElement(By.cssSelector("button[type=submit]")).click();
        String eventId = wait.until(d -> d.findElement(By.id("event-created")).getAttribute("data-event-id"));

        JsonNode event = api.get("/api/v1/events/" + eventId, null).json();
        assertThat(event.path("name").asString()).isEqualTo(eventName);
        assertThat(event.path("status").asString()).isEqualTo("ON_SALE");
        assertThat(event.path("limits").path("maxSeatsPerOrder").asInt()).isEqualTo(4);
        assertThat(event.path("limits").path("holdSeconds").asInt()).isEqualTo(300);
        assertThat(event.path("staticTicketCodes").asBoolean(true)).isFalse();
        Map<String, String> prices = new HashMap<>();
        event.path("categories").forEach(c -> prices.put(c.path("name").asString(), c.path("price").path("amount").asString()));
        assertThat(prices).containsExactlyInAnyOrderEntriesOf(Map.of("Standard", "50.00", "Front", "80.00"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#own-events tr[data-event-id='" + eventId + "']")));

        browser.get(url("/"));
        WebElement listed = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-event-id='" + eventId + "']")));
        assertThat(listed.getText()).contains(eventName, venueName, "On sale");

        browser.get(url("/dashboard.html?event=" + eventId));
        wait.until(d -> d.findElements(By.cssSelector("#map circle[data-status='AVAILABLE']")).size() == 500);
        WebElement seat = browser.findElements(By.cssSelector("#map circle")).get(7);
        String seatId = seat.getAttribute("data-seat-id");
        seat.click();
        browser.findElement(By.id("block")).click();
        By onMap = By.cssSelector("#map circle[data-seat-id='" + seatId + "']");
        wait.until(ExpectedConditions.attributeToBe(onMap, "data-status", "BLOCKED"));
        wait.until(ExpectedConditions.textToBe(By.id("stat-blocked"), "1"));
        assertThat(fixtures.seatStatuses(eventId).get(seatId)).isEqualTo("BLOCKED");
        Chromium.screenshot(browser, "organizer-3-seat-blocked");

        browser.findElement(onMap).click();
        browser.findElement(By.id("unblock")).click();
        wait.until(ExpectedConditions.attributeToBe(onMap, "data-status", "AVAILABLE"));
        assertThat(fixtures.seatStatuses(eventId).get(seatId)).isEqualTo("AVAILABLE");
    }

    @Test
    void theDashboardCountsHoldsAndSalesAndChartsThemPerMinuteByItself() {
        String eventId = fixtures.event(fixtures.venue(4, 10, 40)).category("Front", "80.00", "A", "D")
                .category("Back", "40.00", "B", "C").onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        List<String> seats = fixtures.seatIds(eventId); // in venue order: A's 400 seats, then B's, C's, D's
        browser = Chromium.open();
        browser.manage().window().setSize(new Dimension(1440, 1500));
        WebDriverWait wait = Browsers.patiently(browser, 20);
        browser.get(url("/"));
        Browsers.signInWithToken(browser, fixtures.organizerToken());
        browser.get(url("/dashboard.html?event=" + eventId));
        wait.until(ExpectedConditions.textToBe(By.id("stat-available"), "1,600"));
        wait.until(d -> d.findElements(By.cssSelector("#chart rect")).size() == 60);

        for (int order = 0; order < 15; order++) {   // 60 seats of A, 4 an order, at 80
            fixtures.buy(TestTokens.fan(), eventId, seats.subList(order * 4, order * 4 + 4));
        }
        for (int order = 0; order < 5; order++) {    // 10 seats of B, 2 an order, at 40
            fixtures.buy(TestTokens.fan(), eventId, seats.subList(400 + order * 2, 400 + order * 2 + 2));
        }
        assertThat(fixtures.hold(TestTokens.fan(), eventId, seats.subList(800, 803)).status()).isEqualTo(201);

        // no reload: the page polls the counts and follows the seat stream
        wait.until(ExpectedConditions.textToBe(By.id("stat-sold"), "70"));
        wait.until(ExpectedConditions.textToBe(By.id("stat-held"), "3"));
        wait.until(ExpectedConditions.textToBe(By.id("stat-revenue"), "5200.00 EUR"));
        wait.until(d -> browser.findElements(By.cssSelector("#chart rect")).stream()
                .mapToInt(bar -> Integer.parseInt(bar.getAttribute("data-seats"))).sum() == 70);
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#map circle[data-seat-id='" + seats.get(0) + "']"), "data-status", "SOLD"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#sections tr[data-section='A']"), "A 15 % 340"));
        assertThat(browser.findElement(By.id("chart-summary")).getText()).startsWith("70 seats in the last hour");
        Chromium.screenshot(browser, "organizer-dashboard");
    }

    private static void setNumber(WebElement form, String name, String value) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

}
