package dev.plugboard.runtime.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

/** Creates tenants with a key through the API, as the operator does. */
public final class Tenants {

  private Tenants() {}

  /**
   * A tenant as a test uses it.
   *
   * @param id the tenant's id
   * @param key a key of the tenant
   * @param api a client that sends that key
   */
  public record TenantKey(String id, String key, Api api) {

    /**
     * @param rest a path below the tenant, e.g. {@code connections}
     * @return the API path
     */
    public String path(String rest) {
      return "api/v1/tenants/" + id + (rest.isEmpty() ? "" : "/" + rest);
    }
  }

  /**
   * @param api any client of the server
   * @return a new tenant with a unique name and a new key
   */
  public static TenantKey create(Api api) {
    Api operator = api.as(Api.operatorKey());
    Reply created =
        operator.post("api/v1/tenants", "{\"name\": \"tenant-" + UUID.randomUUID() + "\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    Reply key = operator.post("api/v1/tenants/" + id + "/api-keys", "");
    assertThat(key.status()).as(key.toString()).isEqualTo(201);
    String secret = key.json().getString("key");
    return new TenantKey(id, secret, api.as(secret));
  }
}
