package dev.plugboard.runtime.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.facebook.fake.FakeGraphApi;
import dev.plugboard.runtime.support.Tenants.TenantKey;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Facebook Messenger connections as a tenant makes them in the tests: installed with the fake Graph
 * API's app, and authorized through its dialog the way a browser goes: the platform's authorize
 * endpoint, the provider's dialog (on the fake), back to the callback.
 */
public final class Messenger {

  /** The connector's id. */
  public static final String ID = "facebook-messenger";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private Messenger() {}

  /**
   * @return a Page id no other test uses
   */
  public static String newPageId() {
    return "9" + String.format("%014d", RANDOM.nextLong(100_000_000_000_000L));
  }

  /**
   * Installs a Messenger connection with the fake's app and a Verify Token.
   *
   * @param tenant the tenant
   * @param clientSecret the Client Secret to set up, or {@code null} for none
   * @param verifyToken the Verify Token
   * @return the connection's API path
   */
  public static String install(TenantKey tenant, String clientSecret, String verifyToken) {
    Reply installed =
        tenant
            .api()
            .post(
                tenant.path("connections"),
                "{\"connectorId\": \"%s\", \"name\": \"Messenger %s\", \"setup\": %s}"
                    .formatted(ID, UUID.randomUUID(), setup(clientSecret, verifyToken)));
    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    return tenant.path("connections/" + installed.json().getString("id"));
  }

  /**
   * Replaces a connection's setup (the fake's app, a new Client Secret and Verify Token), as its
   * tenant would.
   *
   * @param tenant the tenant
   * @param connectionPath the connection's API path
   * @param clientSecret the new Client Secret
   * @param verifyToken the new Verify Token
   */
  public static void changeSetup(
      TenantKey tenant, String connectionPath, String clientSecret, String verifyToken) {
    Reply changed = tenant.api().put(connectionPath + "/setup", setup(clientSecret, verifyToken));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
  }

  /** The setup JSON with the fake's App ID; no Client Secret when it is {@code null}. */
  private static String setup(String clientSecret, String verifyToken) {
    return "{\"clientId\": \"%s\"%s, \"verifyToken\": \"%s\"}"
        .formatted(
            FakeGraphApi.APP_ID,
            clientSecret == null ? "" : ", \"clientSecret\": \"" + clientSecret + "\"",
            verifyToken);
  }

  /**
   * Installs a connection that is set up with the fake's app.
   *
   * @param tenant the tenant
   * @return the connection's API path
   */
  public static String install(TenantKey tenant) {
    return install(tenant, FakeGraphApi.APP_SECRET, "verify-" + UUID.randomUUID());
  }

  /**
   * @param connectionPath a connection's API path
   * @return its id
   */
  public static String idOf(String connectionPath) {
    return connectionPath.substring(connectionPath.lastIndexOf('/') + 1);
  }

  /**
   * Asks the platform to authorize and opens the dialog, which the fake (in auto-approve or deny
   * mode) answers at once with a redirect to the callback.
   *
   * @param tenant the connection's tenant
   * @param connectionPath the connection's API path
   * @return the callback the provider sends the browser to, as a path below the server root
   */
  public static String dialog(TenantKey tenant, String connectionPath) {
    Reply started = tenant.api().post(connectionPath + "/authorize", "");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    HttpResponse<String> dialog = open(started.json().getString("authorizationUrl"));
    assertThat(dialog.statusCode()).as(dialog.body()).isEqualTo(302);
    return callbackPath(dialog.headers().firstValue("Location").orElseThrow());
  }

  /**
   * The whole authorization, as a browser goes through it with the fake's dialog approving.
   *
   * @param api any client of the server
   * @param tenant the connection's tenant
   * @param connectionPath the connection's API path
   * @return the callback's reply
   */
  public static Reply authorize(Api api, TenantKey tenant, String connectionPath) {
    TestRunServices.graph().autoApprove(true);
    Reply callback = api.get(dialog(tenant, connectionPath));
    assertThat(callback.status()).as(callback.toString()).isEqualTo(303);
    assertThat(callback.header("Location"))
        .startsWith("/admin/#/connections/" + idOf(connectionPath) + "?authorized=1");
    return callback;
  }

  /**
   * @param url an absolute URL on the fake
   * @return its answer, redirects not followed
   */
  public static HttpResponse<String> open(String url) {
    try {
      return BROWSER.send(
          HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("cannot open " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /**
   * @param location an absolute callback URL under the service domain
   * @return the same as a path below the server root
   */
  public static String callbackPath(String location) {
    String base = Api.serviceDomain() + "/";
    assertThat(location).startsWith(base + "connector/callback?");
    return location.substring(base.length());
  }

  /**
   * @param pathOrUrl anything with a query
   * @return its parameters, decoded
   */
  public static Map<String, String> query(String pathOrUrl) {
    Map<String, String> params = new LinkedHashMap<>();
    int q = pathOrUrl.indexOf('?');
    if (q < 0) {
      return params;
    }
    for (String pair : pathOrUrl.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
