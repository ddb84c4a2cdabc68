package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.facebook.fake.FakeGraphApi;
import dev.plugboard.connector.facebook.fake.FakeGraphApi.FakeError;
import dev.plugboard.connector.facebook.fake.FakeGraphApi.Operation;
import dev.plugboard.runtime.support.Api;
import dev.plugboard.runtime.support.Deployments;
import dev.plugboard.runtime.support.Messenger;
import dev.plugboard.runtime.support.Reply;
import dev.plugboard.runtime.support.Tenants;
import dev.plugboard.runtime.support.Tenants.TenantKey;
import dev.plugboard.runtime.support.TestDatabase;
import dev.plugboard.runtime.support.TestRunServices;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OAuth 2 end to end against the fake Graph API, as a tenant's browser goes through it (authorize,
 * the provider's dialog, the callback), with every way it can go wrong; then the actions of an
 * authorized connection and how the provider's refusals reach the API caller.
 */
@ExtendWith(ArquillianExtension.class)
class AuthorizationAndActionsIT {

  private static final Pattern CONTINUE = Pattern.compile("id=\"continue\" href=\"([^\"]+)\"");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.platform();
  }

  @ArquillianResource java.net.URL url;

  private final FakeGraphApi graph = TestRunServices.graph();
  private Api api;

  /** Secret values the current test handled: no reply may ever contain one. */
  private final List<String> secrets = new ArrayList<>(List.of(FakeGraphApi.APP_SECRET));

  @BeforeEach
  void connect() {
    graph.reset();
    api = Api.at(url);
  }

  @AfterEach
  void noReplyRevealedASecret() {
    for (Reply reply : api.transcript()) {
      for (String secret : secrets) {
        assertThat(reply.body()).doesNotContain(secret);
        assertThat(reply.headers().toString()).doesNotContain(secret);
      }
    }
  }

  @Test
  void authorizingThroughTheDialogStoresThePagesSealedAndConnects() {
    String pageId = Messenger.newPageId();
    String pageName = "Page " + UUID.randomUUID();
    graph.removePages().addPage(pageId, pageName);
    secrets.add(graph.pageToken(pageId));
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    JsonObject before = tenant.api().get(path).json();
    assertThat(before.getString("status")).isEqualTo("NEEDS_AUTHORIZATION");
    assertThat(before.getJsonArray("resources")).isEmpty();

    Reply started = tenant.api().post(path + "/authorize", "");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    String dialogUrl = started.json().getString("authorizationUrl");
    String redirectUri = Api.serviceDomain() + "/connector/callback";
    assertThat(started.json().getString("redirectUri")).isEqualTo(redirectUri);
    Map<String, String> dialogQuery = Messenger.query(dialogUrl);
    assertThat(dialogUrl).startsWith(graph.baseUrl() + "/v25.0/dialog/oauth?");
    assertThat(dialogQuery)
        .containsEntry("client_id", FakeGraphApi.APP_ID)
        .containsEntry("redirect_uri", redirectUri)
        .containsEntry("response_type", "code");
    assertThat(dialogQuery.get("state")).matches("[A-Za-z0-9_-]{43}");
    assertThat(
            Messenger.query(
                    tenant.api().post(path + "/authorize", "").json().getString("authorizationUrl"))
                .get("state"))
        .as("every authorization gets a fresh state")
        .isNotEqualTo(dialogQuery.get("state"));

    // The person sees the provider's consent page and clicks Continue.
    HttpResponse<String> consent = Messenger.open(dialogUrl);
    assertThat(consent.statusCode()).isEqualTo(200);
    Matcher link = CONTINUE.matcher(consent.body());
    assertThat(link.find()).as(consent.body()).isTrue();
    String callback = Messenger.callbackPath(link.group(1).replace("&amp;", "&"));

    Reply back = api.get(callback);
    assertThat(back.status()).as(back.toString()).isEqualTo(303);
    String id = Messenger.idOf(path);
    assertThat(back.header("Location")).startsWith("/admin/#/connections/" + id + "?authorized=1");
    assertThat(Messenger.query(back.header("Location")).get("message")).contains(pageName);
    assertThat(back.header("Referrer-Policy")).isEqualTo("no-referrer");

    JsonObject after = tenant.api().get(path).json();
    assertThat(after.getString("status")).isEqualTo("CONNECTED");
    assertThat(after.containsKey("statusReason")).isFalse();
    assertThat(after.getInt("version")).isGreaterThan(before.getInt("version"));
    assertThat(after.getString("authorizedAt")).isNotBlank();
    assertThat(after.getJsonArray("resources")).hasSize(1);
    JsonObject page = after.getJsonArray("resources").getJsonObject(0);
    assertThat(page.getString("id")).isEqualTo(pageId);
    assertThat(page.getString("name")).isEqualTo(pageName);

    // The code was exchanged once, with the very redirect URI of the dialog, and the Page was
    // subscribed to the app's webhooks.
    assertThat(graph.received(Operation.EXCHANGE_CODE)).hasSize(1);
    assertThat(graph.received(Operation.EXCHANGE_CODE).get(0).query())
        .containsEntry("redirect_uri", redirectUri);
    assertThat(graph.subscriptions()).containsKey(pageId);

    assertThat(
            TestDatabase.filesHoldSecret(
                Path.of(System.getProperty("plugboard.it.data-dir")),
                pageName,
                graph.pageToken(pageId)))
        .as("the Page token's plain text in the database files")
        .isFalse();
    assertThat(api.as(Api.operatorKey()).get("api/v1/audit?tenantId=" + tenant.id()).body())
        .contains("connection.authorized", pageId);
  }

  @Test
  void aPersonWhoCancelsIsSentBackWithNothingChanged() {
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    int version = tenant.api().get(path).json().getInt("version");
    graph.autoApprove(true).denyNextDialog();

    String callback = Messenger.dialog(tenant, path);
    assertThat(Messenger.query(callback)).containsEntry("error", "access_denied");
    Reply back = api.get(callback);

    assertThat(back.status()).isEqualTo(303);
    assertThat(back.header("Location"))
        .startsWith(
            "/admin/#/connections/" + Messenger.idOf(path) + "?error=access_denied&message=");
    assertThat(Messenger.query(back.header("Location")).get("message")).contains("cancelled");
    JsonObject after = tenant.api().get(path).json();
    assertThat(after.getString("status")).isEqualTo("NEEDS_AUTHORIZATION");
    assertThat(after.getInt("version")).isEqualTo(version);
    assertThat(after.getJsonArray("resources")).isEmpty();
    assertThat(graph.received(Operation.EXCHANGE_CODE)).isEmpty();
  }

  @Test
  void aStateWorksOnceAndOnlyForItsOwnConnection() {
    TenantKey first = Tenants.create(api);
    TenantKey second = Tenants.create(api);
    String a = Messenger.install(first);
    String b = Messenger.install(second);
    graph.autoApprove(true);
    Map<String, String> forA = Messenger.query(Messenger.dialog(first, a));
    Map<String, String> forB = Messenger.query(Messenger.dialog(second, b));

    // B's code with A's state: the state alone decides which connection is meant.
    Reply crossed = api.get(callback(forB.get("code"), forA.get("state")));
    assertThat(crossed.status()).isEqualTo(303);
    assertThat(crossed.header("Location"))
        .startsWith("/admin/#/connections/" + Messenger.idOf(a) + "?authorized=1");
    assertThat(first.api().get(a).json().getString("status")).isEqualTo("CONNECTED");
    JsonObject bBefore = second.api().get(b).json();
    assertThat(bBefore.getString("status")).isEqualTo("NEEDS_AUTHORIZATION");

    // Replayed: refused before anything reaches the provider, nothing changes.
    int exchanges = graph.received(Operation.EXCHANGE_CODE).size();
    int aVersion = first.api().get(a).json().getInt("version");
    Reply replayed = api.get(callback(forB.get("code"), forA.get("state")));
    assertErrorPage(replayed, "already used");
    assertThat(graph.received(Operation.EXCHANGE_CODE)).hasSize(exchanges);
    assertThat(first.api().get(a).json().getInt("version")).isEqualTo(aVersion);

    // B's own state still works for B; its code is spent, so the exchange fails, cleanly.
    Reply own = api.get(callback(forB.get("code"), forB.get("state")));
    assertThat(own.status()).isEqualTo(303);
    assertThat(own.header("Location"))
        .startsWith("/admin/#/connections/" + Messenger.idOf(b) + "?error=exchange_failed");
    assertThat(Messenger.query(own.header("Location")).get("message"))
        .contains("This authorization code has been used");
    assertThat(second.api().get(b).json()).isEqualTo(bBefore);
  }

  @Test
  void forgedMissingAndExpiredStatesGetAClearPage() throws InterruptedException {
    assertErrorPage(api.get("connector/callback?code=AQxyz&state=" + "A".repeat(43)), "not valid");
    assertErrorPage(api.get("connector/callback?code=AQxyz&state=%3Cscript%3E"), "not valid");
    assertErrorPage(api.get("connector/callback?code=AQxyz"), "Start again");
    assertErrorPage(api.get("connector/callback"), "Start again");

    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    graph.autoApprove(true);
    String callback = Messenger.dialog(tenant, path);
    JsonObject before = tenant.api().get(path).json();
    Thread.sleep(6_000); // the test servers' states live 5 s
    assertErrorPage(api.get(callback), "expired");
    assertThat(tenant.api().get(path).json()).isEqualTo(before);
    assertThat(graph.received(Operation.EXCHANGE_CODE)).isEmpty();
  }

  @Test
  void aWrongClientSecretIsReportedAndNothingIsStored() {
    String wrong = "wrong-secret-" + UUID.randomUUID();
    secrets.add(wrong);
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant, wrong, "verify-" + UUID.randomUUID());
    JsonObject before = tenant.api().get(path).json();
    graph.autoApprove(true);

    Reply back = api.get(Messenger.dialog(tenant, path));

    assertThat(back.status()).isEqualTo(303);
    assertThat(back.header("Location"))
        .startsWith("/admin/#/connections/" + Messenger.idOf(path) + "?error=exchange_failed");
    assertThat(Messenger.query(back.header("Location")).get("message"))
        .contains("Facebook Messenger did not accept the authorization")
        .contains("Error validating client secret");
    assertThat(tenant.api().get(path).json()).isEqualTo(before);
    assertThat(graph.received(Operation.ACCOUNTS)).isEmpty();
  }

  @Test
  void onlyACompleteOAuthSetupCanBeAuthorized() {
    TenantKey tenant = Tenants.create(api);
    String incomplete = Messenger.install(tenant, null, "verify-" + UUID.randomUUID());
    Reply refused = tenant.api().post(incomplete + "/authorize", "");
    assertProblem(refused, 409);
    assertThat(refused.json().getString("detail")).contains("Client Secret");

    Reply sample =
        tenant
            .api()
            .post(
                tenant.path("connections"),
                "{\"connectorId\": \"sample\", \"name\": \"Key\", \"setup\": {\"endpoint\":"
                    + " \"https://api.example.test\", \"apiToken\": \"good-1\"}}");
    Reply notOAuth =
        tenant
            .api()
            .post(tenant.path("connections/" + sample.json().getString("id") + "/authorize"), "");
    assertProblem(notOAuth, 409);
    assertThat(notOAuth.json().getString("detail")).contains("not authorized with OAuth 2");
  }

  @Test
  void anAuthorizedConnectionSendsMessages() {
    String pageId = Messenger.newPageId();
    graph.removePages().addPage(pageId, "Sender");
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    assertProblem(
        tenant
            .api()
            .post(
                path + "/actions/send-message", "{\"recipientId\": \"123\", \"text\": \"early\"}"),
        409);
    Messenger.authorize(api, tenant, path);

    Reply sent =
        tenant
            .api()
            .post(
                path + "/actions/send-message",
                "{\"recipientId\": \"24680\", \"text\": \"Hello \u00e9 \u2713\"}");

    assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    assertThat(sent.json().getString("recipientId")).isEqualTo("24680");
    assertThat(sent.json().getString("messageId")).startsWith("m_");
    assertThat(sent.json().getString("pageId")).isEqualTo(pageId);
    assertThat(graph.sentMessages()).hasSize(1);
    assertThat(graph.sentMessages().get(0).text()).isEqualTo("Hello \u00e9 \u2713");
    assertThat(graph.sentMessages().get(0).messagingType()).isEqualTo("RESPONSE");

    Reply missing = tenant.api().post(path + "/actions/send-message", "{\"text\": \"x\"}");
    assertProblem(missing, 422);
    assertThat(missing.body()).contains("recipientId");
    Reply tooLong =
        tenant
            .api()
            .post(
                path + "/actions/send-message",
                "{\"recipientId\": \"1\", \"text\": \"" + "x".repeat(2001) + "\"}");
    assertProblem(tooLong, 422);
    assertThat(tooLong.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("text");
    assertProblem(
        tenant
            .api()
            .post(
                path + "/actions/send-message",
                "{\"recipientId\": \"1\", \"text\": \"x\", \"bogus\": \"y\"}"),
        422);
    assertProblem(tenant.api().post(path + "/actions/no-such-action", "{}"), 404);
    assertThat(graph.sentMessages()).as("nothing invalid reached the provider").hasSize(1);
  }

  @Test
  void graphErrorsReachTheCallerWithTheirCodesAndAreNeverRetried() {
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    Messenger.authorize(api, tenant, path);
    String send = path + "/actions/send-message";
    String message = "{\"recipientId\": \"24680\", \"text\": \"hi\"}";

    record Expected(FakeError error, int status, String type, String code, String subcode) {}
    List<Expected> cases =
        List.of(
            new Expected(FakeError.RATE_LIMIT, 429, "provider-rate-limited", "4", null),
            new Expected(FakeError.PAGE_RATE_LIMIT, 429, "provider-rate-limited", "613", null),
            new Expected(FakeError.TRANSIENT, 503, "provider-unavailable", "2", null),
            new Expected(FakeError.OUTSIDE_WINDOW, 422, "provider-refused-input", "10", "2018278"),
            new Expected(
                FakeError.NO_MATCHING_USER, 422, "provider-refused-input", "100", "2018001"));
    for (Expected expected : cases) {
      int attempts = graph.received(Operation.SEND_MESSAGE).size();
      graph.failNext(Operation.SEND_MESSAGE, expected.error());

      Reply refused = tenant.api().post(send, message);

      assertProblem(refused, expected.status());
      JsonObject problem = refused.json();
      assertThat(problem.getString("type")).as(expected.toString()).endsWith("/" + expected.type());
      assertThat(problem.getString("providerCode")).isEqualTo(expected.code());
      assertThat(problem.getString("providerTraceId")).isNotBlank();
      assertThat(problem.getString("providerMessage")).isNotBlank();
      if (expected.subcode() != null) {
        assertThat(problem.getString("providerSubcode")).isEqualTo(expected.subcode());
      }
      if (expected.status() == 429 || expected.status() == 503) {
        assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
      }
      assertThat(graph.received(Operation.SEND_MESSAGE))
          .as("sent once, never again by the platform")
          .hasSize(attempts + 1);
      assertThat(tenant.api().get(path).json().getString("status")).isEqualTo("CONNECTED");
    }
    assertThat(graph.sentMessages()).isEmpty();
  }

  @Test
  void refusedCredentialsPutTheConnectionInErrorUntilItIsAuthorizedAgain() {
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    Messenger.authorize(api, tenant, path);
    graph.failNext(Operation.SEND_MESSAGE, FakeError.INVALID_TOKEN);

    Reply refused =
        tenant
            .api()
            .post(path + "/actions/send-message", "{\"recipientId\": \"1\", \"text\": \"x\"}");

    assertProblem(refused, 401);
    assertThat(refused.json().getString("type")).endsWith("/provider-unauthorized");
    assertThat(refused.json().getString("providerCode")).isEqualTo("190");
    assertThat(refused.header("WWW-Authenticate"))
        .as("not to be mistaken for a refused API key")
        .isNull();
    JsonObject broken = tenant.api().get(path).json();
    assertThat(broken.getString("status")).isEqualTo("ERROR");
    assertThat(broken.getString("statusReason"))
        .isEqualTo("Facebook Messenger refused the credentials (code 190): authorize again.");
    assertProblem(
        tenant
            .api()
            .post(path + "/actions/send-message", "{\"recipientId\": \"1\", \"text\": \"x\"}"),
        409);

    Messenger.authorize(api, tenant, path);
    JsonObject fixed = tenant.api().get(path).json();
    assertThat(fixed.getString("status")).isEqualTo("CONNECTED");
    assertThat(fixed.containsKey("statusReason")).isFalse();
    assertThat(
            tenant
                .api()
                .post(path + "/actions/send-message", "{\"recipientId\": \"1\", \"text\": \"x\"}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void aConnectionTestRetriesTransientFailuresOfItsReads() {
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    Messenger.authorize(api, tenant, path);
    int before = graph.received(Operation.DEBUG_TOKEN).size();
    graph.failNext(Operation.DEBUG_TOKEN, FakeError.TRANSIENT);

    Reply tested = tenant.api().post(path + "/test", "");

    assertThat(tested.json().getBoolean("ok")).as(tested.toString()).isTrue();
    assertThat(tested.json().getString("message")).contains("token");
    // the failed app check, then the app check and the Page token check again
    assertThat(graph.received(Operation.DEBUG_TOKEN)).hasSize(before + 3);
  }

  @Test
  void theKeyHolderIsKnownAndThePublicEndpointsLeaveTheRestAlone() {
    TenantKey tenant = Tenants.create(api);
    Reply operator = api.as(Api.operatorKey()).get("api/v1/me");
    assertThat(operator.json().getString("role")).isEqualTo("operator");
    assertThat(operator.json().containsKey("tenantId")).isFalse();
    JsonObject me = tenant.api().get("api/v1/me").json();
    assertThat(me.getString("role")).isEqualTo("tenant");
    assertThat(me.getString("tenantId")).isEqualTo(tenant.id());
    assertThat(me.getString("tenantName"))
        .isEqualTo(api.as(Api.operatorKey()).get(tenant.path("")).json().getString("name"));
    assertThat(api.get("api/v1/me").status()).isEqualTo(401);

    Reply admin = api.get("admin/");
    assertThat(admin.status()).isEqualTo(200);
    assertThat(admin.mediaType()).isEqualTo("text/html");
    assertThat(api.get("health/ready").status()).isEqualTo(200);
    assertThat(api.get("openapi").body())
        .contains("/api/v1/tenants/{tenantId}/connections/{connectionId}/actions/{action}");
    assertThat(api.get("").header("Location")).endsWith("/admin/");
    assertThat(api.get("webhooks/" + "k".repeat(43)).status()).isEqualTo(404);
    assertThat(api.get("api/v1/webhooks/x").status())
        .as("the API still wants a key")
        .isEqualTo(401);
  }

  private static String callback(String code, String state) {
    return "connector/callback?code="
        + URLEncoder.encode(code, StandardCharsets.UTF_8)
        + "&state="
        + URLEncoder.encode(state, StandardCharsets.UTF_8);
  }

  private static void assertErrorPage(Reply reply, String says) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.mediaType()).isEqualTo("text/html");
    assertThat(reply.body())
        .contains(says)
        .contains("/admin/")
        .doesNotContain("Exception")
        .doesNotContain("<script");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
  }

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.mediaType()).isEqualTo("application/problem+json");
    assertThat(reply.json().getInt("status")).isEqualTo(status);
    assertThat(reply.json().getString("detail")).isNotBlank();
  }
}
