package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.plugboard.connector.facebook.fake.FakeGraphApi;
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
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End-customer setup links, as the end customer's browser uses them without an API key: the link's
 * page data, saving the tenant-level fields, authorizing through the fake Graph API's dialog, and
 * how a link stops working once used or expired.
 */
@ExtendWith(ArquillianExtension.class)
class SetupLinksIT {

  private static final String PAGE = "/admin/setup.html#token=";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.platform();
  }

  @ArquillianResource java.net.URL url;

  private final FakeGraphApi graph = TestRunServices.graph();
  private Api api;

  /** Secret values the current test handled: no reply may ever contain one. */
  private final List<String> secrets = new ArrayList<>(List.of(FakeGraphApi.APP_SECRET));

  /** Link tokens the current test made: they may appear only in the reply that made them. */
  private final List<String> tokens = new ArrayList<>();

  @BeforeEach
  void connect() {
    graph.reset();
    api = Api.at(url);
  }

  @AfterEach
  void noReplyRevealedASecretOrAToken() {
    for (Reply reply : api.transcript()) {
      for (String secret : secrets) {
        assertThat(reply.body()).doesNotContain(secret);
        assertThat(reply.headers().toString()).doesNotContain(secret);
      }
      for (String token : tokens) {
        if (!reply.body().contains("\"url\":\"" + Api.serviceDomain() + PAGE + token + "\"")) {
          assertThat(reply.body())
              .as("a reply other than the link's creation")
              .doesNotContain(token);
        }
        assertThat(reply.headers().toString()).doesNotContain(token);
      }
    }
  }

  @Test
  void anOAuthLinkSetsUpAndAuthorizesOnceThenAnswers403() {
    String pageId = Messenger.newPageId();
    graph.removePages().addPage(pageId, "Customer Page");
    secrets.add(graph.pageToken(pageId));
    String verifyToken = "verify-" + UUID.randomUUID();
    secrets.add(verifyToken);
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant, null, verifyToken);
    String id = Messenger.idOf(path);
    assertThat(tenant.api().get(path).json().getString("status")).isEqualTo("NEEDS_SETUP");

    assertThat(api.post(path + "/setup-links", "{}").status()).isEqualTo(401);
    Reply made = tenant.api().post(path + "/setup-links", "{}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(made.header("Cache-Control")).isEqualTo("no-store");
    String token = tokenOf(made);
    assertThat(Instant.parse(made.json().getString("expiresAt")))
        .isCloseTo(Instant.now().plus(1, ChronoUnit.DAYS), within(1, ChronoUnit.MINUTES));
    String link = "api/v1/setup-links/" + token;

    // Opened without any key: the connection's tenant-level fields only, no secret values.
    Reply opened = api.get(link);
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    assertThat(opened.header("Cache-Control")).isEqualTo("no-store");
    JsonObject page = opened.json();
    JsonObject connection = page.getJsonObject("connection");
    assertThat(connection.getString("id")).isEqualTo(id);
    assertThat(connection.getString("status")).isEqualTo("NEEDS_SETUP");
    assertThat(connection.getString("webhookUrl")).startsWith(Api.serviceDomain() + "/webhooks/");
    assertThat(connection.getString("redirectUri"))
        .isEqualTo(Api.serviceDomain() + "/connector/callback");
    JsonObject setup = connection.getJsonObject("setup");
    assertThat(setup.getString("clientId")).isEqualTo(FakeGraphApi.APP_ID);
    assertThat(setup.getJsonObject("clientSecret").getBoolean("set")).isFalse();
    assertThat(setup.getJsonObject("verifyToken").getBoolean("set")).isTrue();
    assertThat(opened.body()).doesNotContain(tenant.id()).doesNotContain("tenantId");
    JsonObject connector = page.getJsonObject("connector");
    assertThat(connector.getString("id")).isEqualTo(Messenger.ID);
    assertThat(connector.getString("authorization")).isEqualTo("oauth2");
    assertThat(connector.getJsonArray("authFields").getValuesAs(JsonObject.class))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.getString("level")).isNotEqualTo("operator"));
    assertThat(Instant.parse(page.getString("expiresAt")))
        .isEqualTo(Instant.parse(made.json().getString("expiresAt")));
    assertThat(opened.header("ETag")).isEqualTo("\"" + connection.getInt("version") + "\"");

    // Saving: per-field errors, optimistic locking, secrets kept when left out.
    Reply invalid = api.put(link + "/setup", "{\"bogus\": \"x\", \"pageId\": \"not-a-number\"}");
    assertProblem(invalid, 422);
    assertThat(invalid.json().getJsonArray("errors").getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("field"))
        .contains("bogus");
    Reply stale =
        api.header("If-Match", "\"" + (connection.getInt("version") - 1) + "\"")
            .put(
                link + "/setup",
                "{\"clientId\": \"%s\", \"clientSecret\": \"%s\"}"
                    .formatted(FakeGraphApi.APP_ID, FakeGraphApi.APP_SECRET));
    assertProblem(stale, 412);
    assertThat(api.post(link + "/authorize", "").status())
        .as("the setup is not complete yet")
        .isEqualTo(409);
    Reply saved =
        api.header("If-Match", "\"" + connection.getInt("version") + "\"")
            .put(
                link + "/setup",
                "{\"clientId\": \"%s\", \"clientSecret\": \"%s\"}"
                    .formatted(FakeGraphApi.APP_ID, FakeGraphApi.APP_SECRET));
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    JsonObject afterSave = saved.json().getJsonObject("connection");
    assertThat(afterSave.getString("status")).isEqualTo("NEEDS_AUTHORIZATION");
    assertThat(afterSave.getJsonObject("setup").getJsonObject("clientSecret").getBoolean("set"))
        .isTrue();
    assertThat(afterSave.getJsonObject("setup").getJsonObject("verifyToken").getBoolean("set"))
        .as("a secret left out keeps its value")
        .isTrue();
    assertThat(api.get(link).status())
        .as("not used up by a save before authorizing")
        .isEqualTo(200);

    // A cancelled authorization comes back to the setup page, and the link still works.
    graph.autoApprove(true).denyNextDialog();
    Reply cancelled = api.get(dialog(link));
    assertThat(cancelled.status()).isEqualTo(303);
    assertThat(cancelled.header("Location"))
        .startsWith("/admin/setup.html#error=access_denied&message=")
        .doesNotContain(token);
    assertThat(api.get(link).status()).isEqualTo(200);

    // The end customer authorizes through the provider's dialog.
    graph.autoApprove(false);
    Reply started = api.post(link + "/authorize", "");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    HttpResponse<String> consent = Messenger.open(started.json().getString("authorizationUrl"));
    assertThat(consent.statusCode()).isEqualTo(200);
    java.util.regex.Matcher next =
        java.util.regex.Pattern.compile("id=\"continue\" href=\"([^\"]+)\"")
            .matcher(consent.body());
    assertThat(next.find()).as(consent.body()).isTrue();
    Reply back = api.get(Messenger.callbackPath(next.group(1).replace("&amp;", "&")));
    assertThat(back.status()).as(back.toString()).isEqualTo(303);
    assertThat(back.header("Location")).startsWith("/admin/setup.html#authorized=1");
    assertThat(back.header("Location")).doesNotContain(token).doesNotContain(id);

    JsonObject after = tenant.api().get(path).json();
    assertThat(after.getString("status")).isEqualTo("CONNECTED");
    assertThat(after.getJsonArray("resources").getJsonObject(0).getString("id")).isEqualTo(pageId);
    assertThat(graph.received(Operation.EXCHANGE_CODE)).hasSize(1);

    // Used: every endpoint of the link answers 403, and nothing changes.
    assertProblem(api.get(link), 403);
    assertProblem(api.put(link + "/setup", "{\"clientId\": \"1\"}"), 403);
    assertProblem(api.post(link + "/authorize", ""), 403);
    assertThat(tenant.api().get(path).json()).isEqualTo(after);

    String audit = api.as(Api.operatorKey()).get("api/v1/audit?tenantId=" + tenant.id()).body();
    assertThat(audit)
        .contains("setup-link.created", "setup-link.used", "setup link", "connection.authorized")
        .doesNotContain(token);
    assertThat(
            TestDatabase.filesHoldSecret(
                Path.of(System.getProperty("plugboard.it.data-dir")), id, token))
        .as("the link's token in the database files")
        .isFalse();
  }

  @Test
  void withoutOAuthTheSaveThatCompletesTheSetupUsesTheLink() {
    TenantKey tenant = Tenants.create(api);
    Reply installed =
        tenant
            .api()
            .post(tenant.path("connections"), "{\"connectorId\": \"sample\", \"name\": \"Key\"}");
    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    String path = tenant.path("connections/" + installed.json().getString("id"));
    String link = "api/v1/setup-links/" + tokenOf(tenant.api().post(path + "/setup-links", ""));

    JsonObject page = api.get(link).json();
    assertThat(
            page.getJsonObject("connector")
                .getJsonArray("authFields")
                .getValuesAs(JsonObject.class))
        .extracting(f -> f.getString("key"))
        .containsExactly("endpoint", "apiToken", "note");
    assertThat(page.getJsonObject("connection").getJsonObject("setup").keySet())
        .containsExactly("endpoint", "apiToken", "note");
    assertThat(page.getJsonObject("connection").getJsonObject("inherited").keySet())
        .doesNotContain("region");

    Reply operatorField =
        api.put(link + "/setup", "{\"endpoint\": \"https://a.example\", \"region\": \"us\"}");
    assertProblem(operatorField, 422);
    assertThat(operatorField.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("region");
    assertProblem(api.post(link + "/authorize", ""), 409);

    Reply partial = api.put(link + "/setup", "{\"endpoint\": \"https://a.example\"}");
    assertThat(partial.status()).as(partial.toString()).isEqualTo(200);
    assertThat(partial.json().getJsonObject("connection").getString("status"))
        .isEqualTo("NEEDS_SETUP");
    assertThat(api.get(link).status()).as("a person may save several times").isEqualTo(200);

    String apiToken = "good-" + UUID.randomUUID();
    secrets.add(apiToken);
    Reply complete =
        api.put(
            link + "/setup",
            "{\"endpoint\": \"https://a.example\", \"apiToken\": \"%s\"}".formatted(apiToken));
    assertThat(complete.status()).as(complete.toString()).isEqualTo(200);
    JsonObject done = complete.json().getJsonObject("connection");
    assertThat(done.getString("status")).isEqualTo("CONNECTED");
    assertThat(done.getJsonObject("setup").getJsonObject("apiToken").getBoolean("set")).isTrue();
    assertThat(tenant.api().get(path).json().getString("status")).isEqualTo("CONNECTED");

    assertProblem(api.get(link), 403);
    assertProblem(api.put(link + "/setup", "{\"endpoint\": \"https://b.example\"}"), 403);
    assertProblem(api.post(link + "/authorize", ""), 403);
    assertThat(tenant.api().get(path).json().getJsonObject("setup").getString("endpoint"))
        .isEqualTo("https://a.example");
  }

  @Test
  void expiredUnknownAndRemovedLinksAnswer403() throws InterruptedException {
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);

    for (String body :
        List.of(
            "{\"expiresInSeconds\": 1}",
            "{\"expiresInSeconds\": 604801}",
            "{\"expiresInSeconds\": \"soon\"}",
            "{\"expiresInSeconds\": 1.5}")) {
      Reply refused = tenant.api().post(path + "/setup-links", body);
      assertProblem(refused, 422);
      assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo("expiresInSeconds");
    }
    Reply week = tenant.api().post(path + "/setup-links", "{\"expiresInSeconds\": 604800}");
    assertThat(week.status()).as(week.toString()).isEqualTo(201);
    tokenOf(week);

    Reply brief = tenant.api().post(path + "/setup-links", "{\"expiresInSeconds\": 2}");
    assertThat(brief.status()).as(brief.toString()).isEqualTo(201);
    String expiring = "api/v1/setup-links/" + tokenOf(brief);
    assertThat(api.get(expiring).status()).isEqualTo(200);
    Thread.sleep(3_000);
    assertProblem(api.get(expiring), 403);
    assertProblem(api.post(expiring + "/authorize", ""), 403);
    assertThat(api.get(expiring).json().getString("detail"))
        .contains("expired or was already used");

    assertProblem(api.get("api/v1/setup-links/" + "A".repeat(43)), 403);
    assertProblem(api.get("api/v1/setup-links/%3Cscript%3E"), 403);
    assertProblem(api.put("api/v1/setup-links/" + "A".repeat(43) + "/setup", "{}"), 403);

    String removed = "api/v1/setup-links/" + tokenOf(tenant.api().post(path + "/setup-links", ""));
    assertThat(api.get(removed).status()).isEqualTo(200);
    assertThat(tenant.api().delete(path).status()).isEqualTo(204);
    assertProblem(api.get(removed), 403);
  }

  @Test
  void onlyTheConnectionsTenantMakesLinksAndTheRestOfTheApiStillNeedsAKey() {
    TenantKey owner = Tenants.create(api);
    TenantKey other = Tenants.create(api);
    String path = Messenger.install(owner);
    String id = Messenger.idOf(path);

    assertProblem(other.api().post(path + "/setup-links", "{}"), 404);
    assertProblem(other.api().post(other.path("connections/" + id + "/setup-links"), "{}"), 404);
    assertThat(api.as("not-a-key").post(path + "/setup-links", "{}").status()).isEqualTo(401);
    String token = tokenOf(owner.api().post(path + "/setup-links", "{}"));

    // A link's token is no API key, and the public prefix opens nothing else.
    assertThat(api.as(token).get(path).status()).isEqualTo(401);
    assertThat(api.get(path).status()).isEqualTo(401);
    assertThat(api.get("api/v1/setup-links").status()).isEqualTo(401);
    assertThat(api.get("api/v1/setup-links/" + token + "/nothing-here").status()).isEqualTo(404);
    assertThat(api.get("api/v1/setup-links/" + token).status()).isEqualTo(200);
    assertThat(api.as(other.key()).get("api/v1/setup-links/" + token).status())
        .as("a key neither helps nor hurts")
        .isEqualTo(200);
    assertThat(api.as(owner.key()).get("api/v1/audit").status()).isEqualTo(403);
  }

  /** Starts an authorization through the link and has the fake's dialog answer at once. */
  private String dialog(String link) {
    Reply started = api.post(link + "/authorize", "");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    HttpResponse<String> dialog = Messenger.open(started.json().getString("authorizationUrl"));
    assertThat(dialog.statusCode()).as(dialog.body()).isEqualTo(302);
    return Messenger.callbackPath(dialog.headers().firstValue("Location").orElseThrow());
  }

  private String tokenOf(Reply made) {
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    String link = made.json().getString("url");
    assertThat(link).startsWith(Api.serviceDomain() + PAGE);
    String token = link.substring((Api.serviceDomain() + PAGE).length());
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    tokens.add(token);
    return token;
  }

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.mediaType()).isEqualTo("application/problem+json");
    assertThat(reply.json().getInt("status")).isEqualTo(status);
    assertThat(reply.json().getString("detail")).isNotBlank();
    assertThat(
            reply.json().get("errors") == null
                || reply.json().get("errors").getValueType() == JsonValue.ValueType.ARRAY)
        .isTrue();
  }
}
