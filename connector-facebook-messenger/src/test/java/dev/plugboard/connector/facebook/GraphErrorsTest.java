package dev.plugboard.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.error.AuthorizationException;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.error.RateLimitException;
import dev.plugboard.connector.error.TransientException;
import dev.plugboard.connector.facebook.fake.MessengerDeliveries;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Graph's error bodies become the SPI's exceptions, keeping code, subcode, type, message, trace.
 */
class GraphErrorsTest {

  private static final JsonObject DOCUMENTED =
      Json.createReader(
              new ByteArrayInputStream(MessengerDeliveries.sample("p12_graph_api_responses.json")))
          .readObject();

  @Test
  void mapsTheDocumentedInvalidTokenToAnAuthorizationFailure() {
    ConnectorException e = map(400, DOCUMENTED.get("error_invalid_token").toString());

    assertThat(e).isInstanceOf(AuthorizationException.class);
    assertThat(e.providerError().code()).contains("190");
    assertThat(e.providerError().subcode()).contains("1234567");
    assertThat(e.providerError().type()).contains("OAuthException");
    assertThat(e.providerError().message()).contains("Invalid OAuth access token.");
    assertThat(e.providerError().traceId()).contains("BLBz/WZt8dN");
    assertThat(e.getMessage())
        .isEqualTo(
            "Graph API refused send-message: Invalid OAuth access token. (code 190, subcode"
                + " 1234567, fbtrace_id BLBz/WZt8dN)");
  }

  @Test
  void mapsTheDocumentedOauthErrorsOfTheCodeExchange() {
    assertThat(token(400, DOCUMENTED.get("oauth_code_reused").toString()))
        .isInstanceOf(CallerException.class);
    assertThat(token(400, DOCUMENTED.get("oauth_redirect_mismatch").toString()))
        .isInstanceOf(CallerException.class);
    assertThat(token(400, DOCUMENTED.get("oauth_bad_client_secret").toString()))
        .isInstanceOf(AuthorizationException.class);
  }

  @Test
  void mapsTheDocumentedOutsideWindowErrorToTheCaller() {
    assertThat(map(400, DOCUMENTED.get("error_outside_window").toString()))
        .isInstanceOf(CallerException.class);
  }

  @Test
  void mapsRateLimitCodesToRateLimits() {
    for (int code : new int[] {4, 17, 32, 613, 80001, 80006}) {
      assertThat(map(400, error(code, 0, false)))
          .as("code %d", code)
          .isInstanceOf(RateLimitException.class);
    }
  }

  @Test
  void takesTheWaitFromRetryAfterWhenGraphSendsIt() {
    ConnectorException e =
        GraphErrors.from("send-message", 429, error(4, 0, false), Optional.of("30"), false);

    assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void mapsUnexpectedAndTransientErrorsToTransient() {
    assertThat(map(500, error(2, 0, false))).isInstanceOf(TransientException.class);
    assertThat(map(500, error(1, 0, false))).isInstanceOf(TransientException.class);
    assertThat(map(400, error(100, 0, true))).isInstanceOf(TransientException.class);
    assertThat(map(503, "<html>Service Unavailable</html>")).isInstanceOf(TransientException.class);
  }

  @Test
  void mapsCodeOneToTheSecretOnlyOnTheTokenEndpoint() {
    assertThat(token(400, error(1, 0, false))).isInstanceOf(AuthorizationException.class);
    assertThat(map(400, error(1, 0, false))).isInstanceOf(TransientException.class);
  }

  @Test
  void mapsMissingPermissionsToAnAuthorizationFailure() {
    assertThat(map(403, error(200, 0, false))).isInstanceOf(AuthorizationException.class);
    assertThat(map(400, error(10, 0, false))).isInstanceOf(AuthorizationException.class);
  }

  @Test
  void mapsOtherClientErrorsToTheCaller() {
    assertThat(map(400, error(100, 2018001, false))).isInstanceOf(CallerException.class);
    assertThat(map(404, error(803, 0, false))).isInstanceOf(CallerException.class);
  }

  @Test
  void reportsABodyThatIsNotAGraphErrorWithItsStatusOnly() {
    ConnectorException e = map(418, "I'm a teapot: access_token=EAAsecret");

    assertThat(e.getClass()).isEqualTo(ConnectorException.class);
    assertThat(e.getMessage()).contains("418").doesNotContain("EAAsecret");
    assertThat(e.providerError().code()).isEmpty();
  }

  private static ConnectorException map(int status, String body) {
    return GraphErrors.from("send-message", status, body, Optional.empty(), false);
  }

  private static ConnectorException token(int status, String body) {
    return GraphErrors.from("the code exchange", status, body, Optional.empty(), true);
  }

  private static String error(int code, int subcode, boolean isTransient) {
    var error =
        Json.createObjectBuilder()
            .add("message", "message " + code)
            .add("type", "OAuthException")
            .add("code", code)
            .add("fbtrace_id", "T1");
    if (subcode != 0) {
      error.add("error_subcode", subcode);
    }
    if (isTransient) {
      error.add("is_transient", true);
    }
    return Json.createObjectBuilder().add("error", error).build().toString();
  }
}
