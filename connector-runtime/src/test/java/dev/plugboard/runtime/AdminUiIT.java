package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.facebook.fake.FakeGraphApi;
import dev.plugboard.connector.facebook.fake.MessengerDeliveries;
import dev.plugboard.runtime.support.Api;
import dev.plugboard.runtime.support.Browser;
import dev.plugboard.runtime.support.BrowserExtension;
import dev.plugboard.runtime.support.Deployments;
import dev.plugboard.runtime.support.Reply;
import dev.plugboard.runtime.support.Tenants;
import dev.plugboard.runtime.support.Tenants.TenantKey;
import dev.plugboard.runtime.support.TestRunServices;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The admin UI in a real browser (headless Chromium), against the platform and the fake Graph API:
 * the journeys an operator and a tenant make, with a screenshot at each key step under {@code
 * target/screenshots/AdminUiIT.*}.
 */
@ExtendWith(ArquillianExtension.class)
class AdminUiIT {

  @RegisterExtension static final BrowserExtension BROWSERS = new BrowserExtension();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.platform();
  }

  @ArquillianResource URL url;

  private final FakeGraphApi graph = TestRunServices.graph();
  private String base;
  private Api operator;

  @BeforeEach
  void setUp() {
    graph.reset();
    base = Api.serviceDomain();
    operator = Api.at(url).as(Api.operatorKey());
  }

  @Test
  void operatorOnboardsATenantWhoConnectsMessengerAndSeesItsEvents(Browser browser)
      throws Exception {
    // The operator signs in, creates a tenant and an API key for it.
    signIn(browser, Api.operatorKey());
    browser.find("tenant-create-form");
    browser.screenshot("operator-signed-in");
    String tenantName = "Acme " + UUID.randomUUID().toString().substring(0, 8);
    browser.type(browser.find("tenant-name-input"), tenantName);
    browser.click("tenant-create");
    String tenantId = browser.find("tenant-id").getText();
    browser.click("apikey-create");
    String tenantKey = browser.find("apikey-value").getText();
    assertThat(tenantKey).startsWith("pb_");
    browser.screenshot("tenant-key-shown-once");
    browser.click("sign-out");

    // The tenant signs in and installs Facebook Messenger from the marketplace.
    signIn(browser, tenantKey);
    browser.click("nav-marketplace");
    WebElement card = browser.find("connector-card-facebook-messenger");
    assertThat(card.getText()).contains("Facebook Messenger");
    browser.screenshot("marketplace");
    card.findElement(By.cssSelector("[data-testid='install-button']")).click();
    browser.type(browser.find("install-name"), "Support inbox");
    browser.click("install-confirm");
    browser.find("setup-form");
    String connectionId = connectionIdFromUrl(browser);

    // An invalid setup shows the server's field errors beside the fields.
    browser.type(browser.field("clientId"), "not-digits");
    browser.type(browser.field("clientSecret"), FakeGraphApi.APP_SECRET);
    browser.click("setup-form-save");
    assertThat(browser.find("field-error-clientId").getText()).containsIgnoringCase("digits");
    browser.screenshot("setup-field-errors");

    // Fixed and saved: only the Verify Token is missing, and a strong one is generated, stored
    // and shown once; the setup is then complete and waits for authorization.
    browser.type(browser.field("clientId"), FakeGraphApi.APP_ID);
    browser.click("setup-form-save");
    browser.waitForText("form-status", "Saved");
    browser.click("generate-verifyToken");
    String verifyToken = browser.find("generated-token").getText();
    assertThat(verifyToken).hasSizeGreaterThanOrEqualTo(32);
    browser.screenshot("verify-token-generated");
    browser.click("token-dialog-done");
    browser.waitForText("status-badge", "uthoriz");

    // Authorize goes through the (fake) Facebook dialog and comes back Connected, with the Page.
    browser.click("authorize");
    browser.waitUntilUrlContains("/dialog/oauth");
    browser.screenshot("facebook-dialog");
    browser.driver().findElement(By.id("continue")).click();
    browser.waitUntilUrlContains("/admin/");
    browser.find("oauth-outcome");
    browser.waitForText("status-badge", "Connected");
    assertThat(browser.find("resource-" + FakeGraphApi.PAGE_ID).getText())
        .contains(FakeGraphApi.PAGE_NAME);
    browser.screenshot("connected-with-pages");

    // The webhook URL shown is where Facebook delivers; a signed delivery appears in the events.
    String webhookUrl = browser.find("webhook-url").getText().strip();
    assertThat(webhookUrl).startsWith(base + "/webhooks/");
    String mid = "m_ui-" + UUID.randomUUID();
    byte[] delivery =
        MessengerDeliveries.textMessage(
            FakeGraphApi.PAGE_ID,
            "2000000000000001",
            mid,
            "Hello from the browser test",
            System.currentTimeMillis());
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(webhookUrl))
                    .header("Content-Type", "application/json")
                    .header(
                        MessengerDeliveries.SIGNATURE_HEADER,
                        MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, delivery))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    browser.click("tab-events");
    browser.waitForText("events-list", mid);
    browser.find("event-item").findElement(By.tagName("summary")).click();
    browser.waitForText("event-json", "Hello from the browser test");
    browser.screenshot("events");

    // "Send a test event" runs the whole path through the platform's own webhook URL.
    browser.click("send-test-event");
    browser.find("test-event-result");
    browser.click("events-refresh");
    browser.waitForCount("event-item", 2);
    browser.screenshot("test-event");

    TenantKey tenant = new TenantKey(tenantId, tenantKey, Api.at(url).as(tenantKey));
    Reply connection = tenant.api().get(tenant.path("connections/" + connectionId));
    assertThat(connection.json().getString("status")).isEqualTo("CONNECTED");
    assertThat(tenant.api().get("api/v1/tenants/" + tenantId).status()).isEqualTo(403);
    assertThat(operator.get("api/v1/tenants/" + tenantId).json().getString("name"))
        .isEqualTo(tenantName);
  }

  @Test
  void anEndCustomerSetupLinkWorksOnceThenAnswers403(Browser browser) {
    TenantKey tenant = Tenants.create(operator);
    Reply installed =
        tenant
            .api()
            .post(
                tenant.path("connections"),
                "{\"connectorId\":\"facebook-messenger\",\"name\":\"Customer inbox\"}");
    String connectionId = installed.json().getString("id");
    Reply link =
        tenant.api().post(tenant.path("connections/" + connectionId + "/setup-links"), "{}");
    assertThat(link.status()).isEqualTo(201);
    String linkUrl = link.json().getString("url");
    assertThat(linkUrl).startsWith(base + "/admin/setup.html#");

    // Whoever has the link fills in the tenant-level fields and authorizes, without an API key.
    browser.open(linkUrl);
    browser.type(browser.field("clientId"), FakeGraphApi.APP_ID);
    browser.type(browser.field("clientSecret"), FakeGraphApi.APP_SECRET);
    browser.type(browser.field("verifyToken"), "customer-verify-token-" + UUID.randomUUID());
    browser.screenshot("setup-link-form");
    browser.click("setup-form-save");
    browser.waitForText("form-status", "Saved");
    browser.click("authorize");
    browser.waitUntilUrlContains("/dialog/oauth");
    browser.driver().findElement(By.id("continue")).click();
    browser.find("setup-link-done");
    browser.screenshot("setup-link-done");
    assertThat(
            tenant.api().get(tenant.path("connections/" + connectionId)).json().getString("status"))
        .isEqualTo("CONNECTED");

    // Used once: the same link now answers 403, in the page and in the API.
    browser.open("about:blank");
    browser.open(linkUrl);
    browser.find("setup-link-expired");
    browser.screenshot("setup-link-used");
    String token = linkUrl.substring(linkUrl.indexOf("token=") + "token=".length());
    assertThat(Api.at(url).get("api/v1/setup-links/" + token).status()).isEqualTo(403);
  }

  @Test
  void aTenantNeverSeesAnotherTenantsConnections(Browser browser) {
    TenantKey owner = Tenants.create(operator);
    TenantKey other = Tenants.create(operator);
    String secretName = "Private inbox " + UUID.randomUUID();
    Reply installed =
        owner
            .api()
            .post(
                owner.path("connections"),
                "{\"connectorId\":\"facebook-messenger\",\"name\":\"" + secretName + "\"}");
    assertThat(installed.status()).isEqualTo(201);
    String connectionId = installed.json().getString("id");

    signIn(browser, other.key());
    browser.find("connections-card");
    assertThat(browser.driver().getPageSource()).doesNotContain(secretName);
    browser.open(base + "/admin/#/connections/" + connectionId);
    browser.waitForPageText("Not found");
    browser.screenshot("other-tenants-connection");
    assertThat(browser.maybe("setup-form")).isEmpty();
    assertThat(browser.driver().getPageSource()).doesNotContain(secretName);
  }

  @Test
  void worksAtPhoneWidthWithoutSidewaysScrolling(Browser browser) {
    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    TenantKey tenant = Tenants.create(operator);
    signIn(browser, tenant.key());
    browser.click("nav-marketplace");
    browser.find("connector-card-facebook-messenger");
    browser.screenshot("phone-marketplace");
    Object overflow =
        browser.script("return document.documentElement.scrollWidth > window.innerWidth + 1;");
    assertThat(overflow).isEqualTo(false);
    // Keyboard: the first Tab lands on a control that shows a visible focus ring.
    new org.openqa.selenium.interactions.Actions(browser.driver())
        .sendKeys(org.openqa.selenium.Keys.TAB)
        .perform();
    Object outline =
        browser.script(
            "const e = document.activeElement; const s = getComputedStyle(e);"
                + " return s.outlineStyle !== 'none' || s.boxShadow !== 'none';");
    assertThat(outline).isEqualTo(true);
  }

  private void signIn(Browser browser, String key) {
    browser.open(base + "/admin/");
    browser.type(browser.find("signin-key"), key);
    browser.click("signin-submit");
    browser.find("sign-out");
  }

  private static String connectionIdFromUrl(Browser browser) {
    String current = browser.driver().getCurrentUrl();
    String tail = current.substring(current.indexOf("/connections/") + "/connections/".length());
    return tail.replaceAll("[/?].*$", "");
  }
}
