package org.boxoffice.web;

import java.time.Duration;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests share: patient waits, and a tab signed in with a token minted by the tests. */
final class Browsers {
    static final String PASSWORD = "plum-orbit-kettle-37";
    private Browsers() {
    }

    /** A wait that looks again when the page replaced the element it looked at (a list redrawn after a change). */
    static WebDriverWait patiently(WebDriver browser, int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Opens an event's page, waits for its map to show {@code available} seats for sale, and signs a new buyer up
     * through the page's own form.
     */
    static WebDriverWait signedUpOnTheEventPage(WebDriver browser, String eventUrl, int available) {
        WebDriverWait wait = patiently(browser, 20);
        browser.get(eventUrl);
        wait.until(d -> d.findElements(By.cssSelector("#map circle[data-status='AVAILABLE']")).size() == available);
        signUp(browser, wait);
        return wait;
    }

    /** Signs a new buyer up through the event page's own form. */
    static void signUp(WebDriver browser, WebDriverWait wait) {
        browser.findElement(By.cssSelector("#signin summary")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signup-form")));
        form.findElement(By.name("displayName")).sendKeys("Browser Fan");
        form.findElement(By.name("email")).sendKeys("fan-" + UUID.randomUUID() + "@example.com");
        form.findElement(By.name("password")).sendKeys(PASSWORD);
        form.findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("signin")));
    }

    /** Signs the tab in as the pages do, with a token of the tests' trusted issuer (a page of the service must be open). */
    static void signInWithToken(WebDriver browser, String token) {
        ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('boxoffice.accessToken', arguments[0]);", token);
    }
}
