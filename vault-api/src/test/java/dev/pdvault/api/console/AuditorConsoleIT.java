package dev.pdvault.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.api.PlaintextScanner;
import dev.pdvault.api.VaultIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor console in Debian's headless Chromium, driven by Selenium, against the whole vault on a random port
 * and the real PostgreSQL: a scripted history (collect, detokenize for two purposes, a refused access, a share, an
 * erasure); a non-auditor credential refused with a visible error; the auditor signs in, opens the subject by id
 * and by token, sees its timeline, access report and the verification of the history, and a tampered event named
 * by its position; no planted plaintext is anywhere in the rendered page.
 */
class AuditorConsoleIT extends VaultIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Path profile;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startChromium() throws IOException {
        profile = Files.createTempDirectory("pdvault-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void anAuditorSeesTheTimelineTheAccessReportAndTheVerificationButNoPlaintext() {
        String name = plant("Sun Li");
        String address = plant("Room 803 Xuhui");
        String phone = "+86 139 " + (10_000_000 + (long) (Math.random() * 89_999_999L));
        String birthDate = "1979-0" + (1 + (int) (Math.random() * 8)) + "-1" + (int) (Math.random() * 9);
        List<String> planted = List.of(name, address, phone, birthDate);

        Response registered = call("POST", "/v1/subjects", COLLECTOR, Map.of("region", "CN", "birthDate", birthDate));
        assertThat(registered.status()).isEqualTo(201);
        String subject = registered.json().get("subjectId").asText();
        String birthToken = registered.json().get("birthDateToken").asText();
        Map<String, String> order = collect(subject, "order", "delivery",
                Map.of("consignee_name", name, "address", address, "consignee_phone", phone));
        String nameToken = order.get("consignee_name");
        String addressToken = order.get("address");
        assertThat(detokenize(LOGISTICS, "delivery", nameToken, addressToken).status()).isEqualTo(200);
        assertThat(detokenize(LOGISTICS, "order_fulfilment", nameToken).status()).isEqualTo(200);
        assertThat(detokenize(PAYMENT, "payment", nameToken).status()).isEqualTo(403);
        Response share = call("POST", "/v1/shares", ORDER_SERVICE, Map.of("recipient", "sf-express", "purpose",
                "delivery", "tokens", List.of(nameToken, addressToken)));
        assertThat(share.status()).as(share.body()).isEqualTo(201);
        assertThat(call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null).status()).isIn(200, 202);
        JsonNode history = call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null).json();

        open();
        signIn(LOGISTICS);
        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(refusal.getText()).startsWith("403 Not permitted");
        assertThat(browser.findElement(By.id("workspace")).isDisplayed()).isFalse();
        signIn("not-a-credential-of-this-vault");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "401"));
        assertThat(browser.findElement(By.id("workspace")).isDisplayed()).isFalse();

        signIn(AUDITOR);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("workspace")));
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("dev-auditor");
        assertThat(browser.findElement(By.id("sign-in-error")).isDisplayed()).isFalse();

        openSubject(subject);
        List<WebElement> rows = timelineRows(history.get("events").size());
        List<String> types = rows.stream().map(r -> r.getAttribute("data-type")).toList();
        assertThat(types).containsExactly("DataSubjectRegistered", "PersonalDataCollected", "PersonalDataDetokenized",
                "PersonalDataDetokenized", "DetokenizationRefused", "PersonalDataShared", "ErasureRequested",
                "DataSubjectErased", "RecipientsNotified");
        List<String> shownIds = rows.stream().map(r -> r.getAttribute("data-event-id")).toList();
        List<String> historyIds = new ArrayList<>();
        history.get("events").forEach(e -> historyIds.add(e.get("eventId").asText()));
        assertThat(shownIds).isEqualTo(historyIds);
        assertThat(cells(rows.get(2))).containsSubsequence("PersonalDataDetokenized", "dev-logistics");
        assertThat(cells(rows.get(2)).get(3)).contains("purpose: delivery");
        assertThat(cells(rows.get(3)).get(3)).contains("purpose: order_fulfilment");
        assertThat(cells(rows.get(4)).get(3)).contains("purpose: payment", "reason: ");
        assertThat(cells(rows.get(5)).get(3)).contains("recipient: sf-express");
        assertThat(cells(rows.get(8)).get(3)).contains("recipients: sf-express");
        assertThat(cells(rows.get(1)).get(4)).contains(nameToken, addressToken, order.get("consignee_phone"));

        List<WebElement> accesses = browser.findElements(By.cssSelector("#accesses tbody tr"));
        assertThat(accesses).extracting(r -> r.getAttribute("data-outcome")).containsExactly("DETOKENIZED",
                "DETOKENIZED", "DETOKENIZATION_REFUSED", "SHARED");
        assertThat(cells(accesses.get(0))).containsSubsequence("DETOKENIZED", "dev-logistics", "", "delivery",
                "CONTRACT");
        assertThat(cells(accesses.get(2))).containsSubsequence("DETOKENIZATION_REFUSED", "dev-payment", "",
                "payment");
        assertThat(cells(accesses.get(3))).containsSubsequence("SHARED", "dev-order-service", "sf-express",
                "delivery");
        assertThat(accesses.get(3).getAttribute("data-id")).isEqualTo(share.json().get("shareId").asText());
        assertThat(cells(accesses.get(3)).get(7)).contains(nameToken, addressToken);

        String pageWithHistory = browser.getPageSource();
        assertThat(PlaintextScanner.findInText(pageWithHistory, planted)).isEmpty();
        assertThat(cells(rows.get(0)).get(4)).isEqualTo("birth_date " + birthToken + " [erased]");
        assertThat(cells(rows.get(1)).get(4)).contains(nameToken + " [sealed]");
        assertThat(cells(rows.get(7)).get(3)).contains("keys destroyed: account", "retained: transaction");

        browser.findElement(By.id("sign-checkpoint")).click();
        long lastEvent = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        wait.until(d -> "VERIFIED".equals(text("verification-state"))
                && Long.parseLong(text("verified-up-to")) >= lastEvent);
        assertThat(text("break-at")).isEqualTo("none");
        assertThat(text("latest-checkpoint")).startsWith("number ").contains("up to global index");

        String collected = history.get("events").get(1).get("eventId").asText();
        long position = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, collected);
        String stamp = jdbc.queryForObject("SELECT time_stamp FROM domain_event_entry WHERE global_index = ?",
                String.class, position);
        try {
            jdbc.update("UPDATE domain_event_entry SET time_stamp = ? WHERE global_index = ?",
                    "2001-01-01T00:00:00Z", position);
            browser.findElement(By.id("verify")).click();
            wait.until(d -> "BROKEN".equals(text("verification-state")));
            assertThat(text("break-at")).isEqualTo("at global index " + position + " (CHANGED)");
            assertThat(Long.parseLong(text("verified-up-to"))).isLessThan(position);
            assertThat(text("verification-message")).contains(collected);
        } finally {
            jdbc.update("UPDATE domain_event_entry SET time_stamp = ? WHERE global_index = ?", stamp, position);
        }
        browser.findElement(By.id("verify")).click();
        wait.until(d -> "VERIFIED".equals(text("verification-state")));

        openSubject(addressToken);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subject-id"), subject));
        assertThat(timelineRows(history.get("events").size())).extracting(r -> r.getAttribute("data-event-id"))
                .isEqualTo(historyIds);
        assertThat(PlaintextScanner.findInText(browser.getPageSource(), planted)).isEmpty();

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-panel")));
        assertThat(browser.findElements(By.cssSelector("#timeline tbody tr"))).isEmpty();
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void thePageIsServedUnderAStrictContentSecurityPolicyWithoutACredential() {
        Response page = call("GET", "/console/", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"console.js\" defer></script>").doesNotContain("<script>")
                .doesNotContain("onclick").doesNotContain("style=");
        assertThat(page.headers().get("content-security-policy")).singleElement().asString()
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(call("GET", "/console/console.js", null, null).headers().get("content-security-policy"))
                .isNotEmpty();
        Response bare = call("GET", "/console", null, null);
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.headers().get("location")).singleElement().asString().endsWith("/console/");
        assertThat(call("GET", "/v1/auditor/session", LOGISTICS, null).status()).isEqualTo(403);
        assertThat(call("GET", "/v1/auditor/session", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/v1/ledger/status", COLLECTOR, null).status()).isEqualTo(403);
        assertThat(call("GET", "/v1/ledger/status", AUDITOR, null).json().get("state").asText())
                .isIn("VERIFIED", "NO_CHECKPOINT");
        assertThat(call("GET", "/v1/auditor/tokens/tok_0000", AUDITOR, null).type()).endsWith("/malformed-token");
        assertThat(call("GET", "/v1/auditor/tokens/tok_00000000000000000000000000", AUDITOR, null).status())
                .isEqualTo(404);
    }

    private void open() {
        browser.get("http://localhost:" + port + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("credential")));
    }

    private void signIn(String credential) {
        WebElement field = browser.findElement(By.id("credential"));
        field.clear();
        field.sendKeys(credential);
        browser.findElement(By.id("sign-in-button")).click();
    }

    private void openSubject(String idOrToken) {
        WebElement field = browser.findElement(By.id("subject"));
        field.clear();
        field.sendKeys(idOrToken);
        browser.findElement(By.id("open-subject-button")).click();
    }

    private List<WebElement> timelineRows(int expected) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accesses-panel")));
        wait.until(d -> d.findElements(By.cssSelector("#timeline tbody tr")).size() == expected);
        return browser.findElements(By.cssSelector("#timeline tbody tr"));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
