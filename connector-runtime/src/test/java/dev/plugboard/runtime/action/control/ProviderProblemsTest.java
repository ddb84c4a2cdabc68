package dev.plugboard.runtime.action.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.error.AuthorizationException;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.error.ProviderError;
import dev.plugboard.connector.error.RateLimitException;
import dev.plugboard.connector.error.TransientException;
import dev.plugboard.runtime.problem.Problem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderProblemsTest {

  private static final ProviderError GRAPH =
      new ProviderError(
          Optional.of("100"),
          Optional.of("2018001"),
          Optional.of("OAuthException"),
          Optional.of("(#100) No matching user found"),
          Optional.of("AbCdEf"));

  @Test
  void refusedInputIs422WithWhatTheProviderSaid() {
    JsonObject body = body(ProviderProblems.of(new CallerException("no such user", GRAPH, null)));

    assertThat(body.getInt("status")).isEqualTo(422);
    assertThat(body.getString("type"))
        .isEqualTo("https://plugboard.dev/problems/provider-refused-input");
    assertThat(body.getString("detail")).isEqualTo("no such user");
    assertThat(body.getString("providerCode")).isEqualTo("100");
    assertThat(body.getString("providerSubcode")).isEqualTo("2018001");
    assertThat(body.getString("providerType")).isEqualTo("OAuthException");
    assertThat(body.getString("providerMessage")).isEqualTo("(#100) No matching user found");
    assertThat(body.getString("providerTraceId")).isEqualTo("AbCdEf");
  }

  @Test
  void refusedCredentialsAre401WithoutAChallenge() {
    Problem problem = ProviderProblems.of(new AuthorizationException("token expired"));

    assertThat(problem.status()).isEqualTo(401);
    assertThat(problem.type()).endsWith("/provider-unauthorized");
    assertThat(problem.headers()).doesNotContainKey("WWW-Authenticate");
    assertThat(body(problem).containsKey("providerCode")).isFalse();
  }

  @Test
  void rateLimitsAre429WithTheWaitTheProviderAsked() {
    Problem said =
        ProviderProblems.of(
            new RateLimitException("slow down", Optional.of(Duration.ofSeconds(7)), GRAPH, null));
    Problem unsaid =
        ProviderProblems.of(new RateLimitException("slow down", Optional.empty(), GRAPH, null));

    assertThat(said.status()).isEqualTo(429);
    assertThat(said.headers()).containsEntry("Retry-After", "7");
    assertThat(body(said).getInt("retryAfter")).isEqualTo(7);
    assertThat(unsaid.headers()).containsEntry("Retry-After", "60");
  }

  @Test
  void failuresThatMayPassAre503AndOthers502() {
    Problem transientFailure =
        ProviderProblems.of(new TransientException("unexpected", ProviderError.none(), null));
    Problem other = ProviderProblems.of(new ConnectorException("odd answer"));

    assertThat(transientFailure.status()).isEqualTo(503);
    assertThat(transientFailure.headers()).containsKey("Retry-After");
    assertThat(other.status()).isEqualTo(502);
    assertThat(other.type()).endsWith("/provider-error");
    assertThat(ProviderProblems.timedOut("the action send-message").status()).isEqualTo(504);
  }

  private static JsonObject body(Problem problem) {
    try (var reader =
        Json.createReader(new StringReader(problem.toResponse().getEntity().toString()))) {
      return reader.readObject();
    }
  }
}
