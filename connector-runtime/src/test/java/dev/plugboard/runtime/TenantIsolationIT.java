package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.support.Api;
import dev.plugboard.runtime.support.Deployments;
import dev.plugboard.runtime.support.Reply;
import dev.plugboard.runtime.support.Tenants;
import dev.plugboard.runtime.support.Tenants.TenantKey;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One tenant's key against every endpoint of another tenant: each answers as if the other tenant
 * did not exist, and the other tenant's data is exactly as it was.
 */
@ExtendWith(ArquillianExtension.class)
class TenantIsolationIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.platform();
  }

  @ArquillianResource URL url;

  /**
   * @param method the HTTP method
   * @param path the path
   * @param body the body, or {@code null}
   */
  private record Call(String method, String path, String body) {}

  @Test
  void aTenantReachesNothingOfAnother() {
    Api api = Api.at(url);
    Api operator = api.as(Api.operatorKey());
    TenantKey a = Tenants.create(api);
    TenantKey b = Tenants.create(api);
    String secret = "good-" + UUID.randomUUID();
    Reply installed =
        b.api()
            .post(
                b.path("connections"),
                """
                {"connectorId": "sample", "name": "B's",
                 "setup": {"endpoint": "https://b.example.test", "apiToken": "%s"}}
                """
                    .formatted(secret));
    assertThat(installed.status()).isEqualTo(201);
    String connection = installed.json().getString("id");
    String bKeyId =
        operator
            .get(b.path("api-keys"))
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("id");
    String bConnection = b.path("connections/" + connection);
    String aWithBConnection = a.path("connections/" + connection);

    Reply before = operator.get(bConnection);
    Reply bKeysBefore = operator.get(b.path("api-keys"));
    String newSetup = "{\"endpoint\": \"https://a.example.test\", \"apiToken\": \"stolen\"}";

    List<Call> theirs =
        List.of(
            new Call("GET", b.path(""), null),
            new Call("DELETE", b.path(""), null),
            new Call("GET", b.path("api-keys"), null),
            new Call("POST", b.path("api-keys"), ""),
            new Call("DELETE", b.path("api-keys/" + bKeyId), null),
            new Call("GET", b.path("connections"), null),
            new Call(
                "POST", b.path("connections"), "{\"connectorId\": \"sample\", \"name\": \"x\"}"),
            new Call("GET", bConnection, null),
            new Call("PUT", bConnection + "/setup", newSetup),
            new Call("POST", bConnection + "/setup/validate", newSetup),
            new Call("POST", bConnection + "/test", ""),
            new Call("DELETE", bConnection, null),
            new Call("POST", bConnection + "/authorize", ""),
            new Call("GET", bConnection + "/events", null),
            new Call(
                "POST",
                bConnection + "/actions/send-message",
                "{\"recipientId\": \"1\", \"text\": \"x\"}"),
            new Call("POST", bConnection + "/test-event", ""),
            new Call("GET", aWithBConnection, null),
            new Call("PUT", aWithBConnection + "/setup", newSetup),
            new Call("POST", aWithBConnection + "/setup/validate", newSetup),
            new Call("POST", aWithBConnection + "/test", ""),
            new Call("DELETE", aWithBConnection, null));

    for (Call call : theirs) {
      Reply reply =
          a.api()
              .send(
                  call.method(),
                  call.path(),
                  call.body(),
                  call.body() == null ? null : "application/json");
      assertThat(reply.status()).as(call + " → " + reply).isIn(401, 404);
      assertThat(reply.mediaType()).as(call.toString()).isEqualTo("application/problem+json");
      assertThat(reply.body()).as(call.toString()).doesNotContain(secret, "B's");
    }

    // A missing tenant and another tenant's look the same.
    Reply missing = a.api().get("api/v1/tenants/" + UUID.randomUUID());
    Reply other = a.api().get(b.path(""));
    assertThat(other.body().replace(b.id(), "ID"))
        .isEqualTo(missing.body().replaceAll("[0-9a-f-]{36}", "ID"));

    // The operator-only endpoints refuse tenant keys outright.
    assertThat(a.api().get("api/v1/tenants").status()).isEqualTo(403);
    assertThat(a.api().get("api/v1/audit").status()).isEqualTo(403);
    assertThat(a.api().get("api/v1/connectors/sample/defaults").status()).isEqualTo(403);

    Reply after = operator.get(bConnection);
    assertThat(after.body()).isEqualTo(before.body());
    assertThat(operator.get(b.path("api-keys")).body()).isEqualTo(bKeysBefore.body());
    assertThat(b.api().post(bConnection + "/test", "").json().getBoolean("ok")).isTrue();
    assertThat(operator.get("api/v1/audit?tenantId=" + b.id()).body())
        .doesNotContain("tenant " + a.id());
  }

  @Test
  void theOperatorMayDoEverything() {
    Api api = Api.at(url);
    Api operator = api.as(Api.operatorKey());
    TenantKey tenant = Tenants.create(api);
    Reply installed =
        operator.post(
            tenant.path("connections"), "{\"connectorId\": \"sample\", \"name\": \"By operator\"}");
    assertThat(installed.status()).isEqualTo(201);
    assertThat(tenant.api().get(tenant.path("connections")).json().getJsonArray("items"))
        .hasSize(1);
    assertThat(operator.get(tenant.path("connections")).json().getJsonArray("items")).hasSize(1);
    assertThat(operator.get("api/v1/tenants/" + UUID.randomUUID() + "/connections").status())
        .isEqualTo(404);
  }
}
