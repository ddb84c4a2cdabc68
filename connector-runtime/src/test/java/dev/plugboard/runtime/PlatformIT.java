package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.support.Api;
import dev.plugboard.runtime.support.Deployments;
import dev.plugboard.runtime.support.Reply;
import dev.plugboard.runtime.support.Tenants;
import dev.plugboard.runtime.support.Tenants.TenantKey;
import dev.plugboard.runtime.support.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Path;
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
 * The platform end to end through HTTP, as the operator and a tenant use it: tenants and keys, the
 * catalog, connections and their secrets, optimistic locking, errors, and operations.
 */
@ExtendWith(ArquillianExtension.class)
class PlatformIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.platform();
  }

  @ArquillianResource URL url;

  private Api api;
  private Api operator;

  /** Secret values the current test stored: no reply may ever contain one. */
  private final List<String> secrets = new ArrayList<>();

  @BeforeEach
  void connect() {
    api = Api.at(url);
    operator = api.as(Api.operatorKey());
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
  void operatorManagesTenantsAndTheirKeys() {
    String name = "acme-" + UUID.randomUUID();
    Reply created = operator.post("api/v1/tenants", "{\"name\": \"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().getString("id");
    assertThat(created.header("Location")).endsWith("/api/v1/tenants/" + id);
    assertThat(created.json().getString("name")).isEqualTo(name);

    assertThat(operator.post("api/v1/tenants", "{\"name\": \"" + name + "\"}").status())
        .isEqualTo(409);
    assertThat(operator.get("api/v1/tenants/" + id).json().getString("name")).isEqualTo(name);

    Reply issued = operator.post("api/v1/tenants/" + id + "/api-keys", "");
    assertThat(issued.status()).isEqualTo(201);
    String key = issued.json().getString("key");
    String keyId = issued.json().getString("id");
    assertThat(api.as(key).get("api/v1/connectors").status()).isEqualTo(200);

    Reply keys = operator.get("api/v1/tenants/" + id + "/api-keys");
    assertThat(keys.json().getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(keyId);

    assertThat(operator.delete("api/v1/tenants/" + id + "/api-keys/" + keyId).status())
        .isEqualTo(204);
    Reply revoked = api.as(key).get("api/v1/connectors");
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.header("WWW-Authenticate")).startsWith("Bearer");

    TenantKey other = Tenants.create(api);
    Reply owned =
        other
            .api()
            .post(
                other.path("connections"),
                "{\"connectorId\": \"sample\", \"name\": \"Goes\", \"setup\": {\"apiToken\": \"t\"}}");
    assertThat(owned.status()).isEqualTo(201);
    assertThat(operator.delete("api/v1/tenants/" + other.id()).status()).isEqualTo(204);
    assertThat(operator.get("api/v1/tenants/" + other.id()).status()).isEqualTo(404);
    assertThat(other.api().get("api/v1/connectors").status()).isEqualTo(401);
  }

  @Test
  void tenantListsArePagedInCreationOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(Tenants.create(api).id());
    }
    List<String> seen = new ArrayList<>();
    String next = null;
    do {
      Reply page = operator.get("api/v1/tenants?limit=2" + (next == null ? "" : "&after=" + next));
      assertThat(page.status()).isEqualTo(200);
      JsonObject body = page.json();
      assertThat(body.getJsonArray("items")).hasSizeLessThanOrEqualTo(2);
      body.getJsonArray("items").forEach(t -> seen.add(t.asJsonObject().getString("id")));
      next = body.containsKey("next") ? body.getString("next") : null;
    } while (next != null);
    assertThat(seen).containsSubsequence(ids).doesNotHaveDuplicates();
  }

  @Test
  void catalogShowsTheLoadedConnectors() {
    TenantKey tenant = Tenants.create(api);
    Reply catalog = tenant.api().get("api/v1/connectors");
    assertThat(catalog.status()).isEqualTo(200);
    JsonObject sample =
        catalog.json().getJsonArray("items").stream()
            .map(v -> v.asJsonObject())
            .filter(c -> c.getString("id").equals("sample"))
            .findFirst()
            .orElseThrow();
    assertThat(sample.getString("authorization")).isEqualTo("api-key");
    assertThat(sample.getString("iconUrl")).startsWith("data:image/svg+xml;base64,");
    JsonObject token = sample.getJsonArray("authFields").getJsonObject(1);
    assertThat(token.getString("key")).isEqualTo("apiToken");
    assertThat(token.getBoolean("secret")).isTrue();
    assertThat(token.getString("type")).isEqualTo("secret");
    assertThat(token.getString("level")).isEqualTo("both");
    assertThat(sample.getJsonObject("capabilities").getBoolean("connectionTest")).isTrue();

    assertThat(tenant.api().get("api/v1/connectors/sample-oauth").json().getString("authorization"))
        .isEqualTo("oauth2");
    Reply unknown = tenant.api().get("api/v1/connectors/nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.mediaType()).isEqualTo("application/problem+json");
  }

  @Test
  void connectionLifecycleKeepsSecretsSealedAndHidden() {
    TenantKey tenant = Tenants.create(api);
    String token = "good-" + UUID.randomUUID();
    String endpoint = "https://api.example.test/" + UUID.randomUUID();
    secrets.add(token);

    Reply installed =
        tenant
            .api()
            .post(
                tenant.path("connections"), "{\"connectorId\": \"sample\", \"name\": \"Primary\"}");
    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    JsonObject connection = installed.json();
    String path = tenant.path("connections/" + connection.getString("id"));
    assertThat(installed.header("Location")).endsWith(path);
    assertThat(connection.getString("status")).isEqualTo("NEEDS_SETUP");
    assertThat(connection.getString("statusReason")).contains("Endpoint", "API Token");
    assertThat(connection.getJsonObject("setup").getJsonObject("apiToken").getBoolean("set"))
        .isFalse();
    assertThat(connection.getString("webhookUrl")).startsWith(Api.serviceDomain() + "/webhooks/");
    assertThat(connection.getString("redirectUri"))
        .isEqualTo(Api.serviceDomain() + "/connector/callback");
    assertThat(tenant.api().post(path + "/test", "").json().getBoolean("ok")).isFalse();

    Reply setUp =
        tenant
            .api()
            .put(
                path + "/setup",
                """
                {"endpoint": "%s", "apiToken": "%s", "note": "first"}
                """
                    .formatted(endpoint, token));
    assertThat(setUp.status()).as(setUp.toString()).isEqualTo(200);
    assertThat(setUp.json().getString("status")).isEqualTo("CONNECTED");
    assertThat(setUp.json().getJsonObject("setup").getJsonObject("apiToken").getBoolean("set"))
        .isTrue();
    assertThat(setUp.json().getJsonObject("inherited").getString("region")).isEqualTo("eu");

    Reply tested = tenant.api().post(path + "/test", "");
    assertThat(tested.json().getBoolean("ok")).as(tested.toString()).isTrue();
    // the connector read the opened secret, its setting from configuration and the schema default
    assertThat(tested.json().getString("message")).contains("http://127.0.0.1:9/sample", "eu");

    // A secret left out, or null, keeps its value.
    tenant.api().put(path + "/setup", "{\"endpoint\": \"" + endpoint + "\"}");
    assertThat(tenant.api().post(path + "/test", "").json().getBoolean("ok")).isTrue();
    tenant.api().put(path + "/setup", "{\"endpoint\": \"" + endpoint + "\", \"apiToken\": null}");
    assertThat(tenant.api().post(path + "/test", "").json().getBoolean("ok")).isTrue();

    assertThat(
            TestDatabase.filesHoldSecret(
                Path.of(System.getProperty("plugboard.it.data-dir")), endpoint, token))
        .as("the secret's plain text in the database files")
        .isFalse();

    // "" clears it: the setup is incomplete again.
    Reply cleared =
        tenant
            .api()
            .put(
                path + "/setup",
                "{\"endpoint\": \"https://api.example.test\", \"apiToken\": \"\"}");
    assertThat(cleared.json().getString("status")).isEqualTo("NEEDS_SETUP");

    Reply list = tenant.api().get(tenant.path("connections"));
    assertThat(list.json().getJsonArray("items")).hasSize(1);

    assertThat(tenant.api().delete(path).status()).isEqualTo(204);
    assertThat(tenant.api().get(path).status()).isEqualTo(404);

    Reply audit = operator.get("api/v1/audit?tenantId=" + tenant.id());
    assertThat(audit.body())
        .contains("connection.installed", "connection.setup-replaced", "connection.uninstalled")
        .contains("apiToken");
  }

  @Test
  void operatorDefaultsFillTheTenantsGaps() {
    String shared = "good-shared-" + UUID.randomUUID();
    secrets.add(shared);
    Reply defaults =
        operator.put(
            "api/v1/connectors/sample/defaults",
            "{\"apiToken\": \"%s\", \"region\": \"us\"}".formatted(shared));
    assertThat(defaults.status()).as(defaults.toString()).isEqualTo(200);
    assertThat(defaults.json().getJsonObject("apiToken").getBoolean("set")).isTrue();
    assertThat(defaults.json().getString("region")).isEqualTo("us");
    assertThat(operator.put("api/v1/connectors/sample/defaults", "{\"endpoint\": \"x\"}").status())
        .as("a tenant-level field")
        .isEqualTo(422);

    TenantKey tenant = Tenants.create(api);
    assertThat(tenant.api().get("api/v1/connectors/sample/defaults").status()).isEqualTo(403);
    Reply installed =
        tenant
            .api()
            .post(
                tenant.path("connections"),
                """
                {"connectorId": "sample", "name": "Inherits",
                 "setup": {"endpoint": "https://api.example.test"}}
                """);
    assertThat(installed.json().getString("status")).isEqualTo("CONNECTED");
    JsonObject inherited = installed.json().getJsonObject("inherited");
    assertThat(inherited.getJsonObject("apiToken").getBoolean("set")).isTrue();
    assertThat(inherited.getString("region")).isEqualTo("us");
    String path = tenant.path("connections/" + installed.json().getString("id"));
    assertThat(tenant.api().post(path + "/test", "").json().getString("message")).contains("us");

    // Leaving the secret out keeps it; other defaults are replaced.
    operator.put("api/v1/connectors/sample/defaults", "{}");
    Reply after = operator.get("api/v1/connectors/sample/defaults");
    assertThat(after.json().getJsonObject("apiToken").getBoolean("set")).isTrue();
    assertThat(after.json().isNull("region")).isTrue();
    operator.put("api/v1/connectors/sample/defaults", "{\"apiToken\": \"\"}");
    assertThat(tenant.api().get(path).json().getString("status")).isEqualTo("CONNECTED");
  }

  @Test
  void statusFollowsSetupAndAuthorization() {
    TenantKey tenant = Tenants.create(api);
    secrets.add("oauth-secret-value");
    Reply installed =
        tenant
            .api()
            .post(
                tenant.path("connections"),
                """
                {"connectorId": "sample-oauth", "name": "OAuth",
                 "setup": {"clientId": "123", "clientSecret": "oauth-secret-value"}}
                """);
    assertThat(installed.json().getString("status")).isEqualTo("NEEDS_AUTHORIZATION");

    Reply invalid =
        tenant
            .api()
            .post(
                tenant.path("connections"),
                """
                {"connectorId": "sample-oauth", "name": "OAuth",
                 "setup": {"clientId": "abc", "region": "us", "bogus": "x"}}
                """);
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.mediaType()).isEqualTo("application/problem+json");
    assertThat(
            invalid.json().getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getString("field")))
        .containsExactlyInAnyOrder("region", "bogus");

    Reply digits =
        tenant
            .api()
            .post(
                tenant.path("connections"),
                """
                {"connectorId": "sample-oauth", "name": "OAuth", "setup": {"clientId": "abc"}}
                """);
    assertThat(digits.status()).isEqualTo(422);
    JsonObject error = digits.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("clientId");
    assertThat(error.getString("message")).isEqualTo("must be digits");

    String path = tenant.path("connections/" + installed.json().getString("id"));
    Reply validation = tenant.api().post(path + "/setup/validate", "{\"clientId\": \"x1\"}");
    assertThat(validation.status()).isEqualTo(200);
    assertThat(validation.json().getBoolean("valid")).isFalse();
    assertThat(validation.body()).contains("clientId", "must be digits");
    assertThat(tenant.api().get(path).json().getInt("version"))
        .as("validating saves nothing")
        .isEqualTo(installed.json().getInt("version"));

    assertThat(
            tenant
                .api()
                .post(tenant.path("connections"), "{\"connectorId\": \"nope\", \"name\": \"x\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void staleIfMatchLosesNoUpdate() {
    TenantKey tenant = Tenants.create(api);
    Reply installed =
        tenant
            .api()
            .post(tenant.path("connections"), "{\"connectorId\": \"sample\", \"name\": \"Lock\"}");
    String path = tenant.path("connections/" + installed.json().getString("id"));
    String read = tenant.api().get(path).header("ETag");

    Reply first =
        tenant.api().header("If-Match", read).put(path + "/setup", "{\"note\": \"first\"}");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("ETag")).isNotEqualTo(read);

    Reply second =
        tenant.api().header("If-Match", read).put(path + "/setup", "{\"note\": \"second\"}");
    assertThat(second.status()).isEqualTo(412);
    assertThat(second.mediaType()).isEqualTo("application/problem+json");

    Reply now = tenant.api().get(path);
    assertThat(now.json().getJsonObject("setup").getString("note")).isEqualTo("first");
    assertThat(now.header("ETag")).isEqualTo(first.header("ETag"));
  }

  @Test
  void errorsAreProblemDetails() {
    TenantKey tenant = Tenants.create(api);
    String connections = tenant.path("connections");

    Reply malformed = tenant.api().post(connections, "{\"connectorId\": ");
    assertProblem(malformed, 400);

    Reply oversized =
        tenant.api().post(connections, "{\"name\": \"" + "x".repeat(300 * 1024) + "\"}");
    assertProblem(oversized, 413);
    Reply chunked =
        tenant.api().postChunked(connections, "{\"name\": \"" + "x".repeat(300 * 1024) + "\"}");
    assertProblem(chunked, 413);

    Reply invalid = tenant.api().post(connections, "{\"connectorId\": \"sample\", \"name\": \"\"}");
    assertProblem(invalid, 422);
    assertThat(invalid.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("name");

    assertProblem(api.get("api/v1/connectors"), 401);
    assertProblem(api.as("pb_0000000000000000_" + "A".repeat(43)).get("api/v1/connectors"), 401);
    assertProblem(tenant.api().get("api/v1/nothing-here"), 404);
    assertProblem(tenant.api().delete(connections), 405);
    assertProblem(tenant.api().send("POST", connections, "name=x", "text/plain"), 415);
    assertProblem(tenant.api().get(tenant.path("connections/not-an-id")), 404);
    assertProblem(tenant.api().get("api/v1/tenants"), 403);
    assertProblem(tenant.api().get(connections + "?limit=0"), 422);
  }

  @Test
  void operationsEndpointsAnswer() {
    Reply ready = api.get("health/ready");
    assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
    assertThat(ready.body()).contains("database").contains("\"web\"").doesNotContain("DOWN");

    Reply metrics = api.get("metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("plugboard_connections").contains("status=\"CONNECTED\"");

    Reply openapi = api.get("openapi");
    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body()).contains("/api/v1/tenants/{tenantId}/connections");

    Reply root = api.get("");
    assertThat(root.status()).isEqualTo(302);
    assertThat(root.header("Location")).endsWith("/admin/");
  }

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.mediaType()).isEqualTo("application/problem+json");
    JsonObject problem = reply.json();
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank().doesNotContain("Exception");
  }
}
