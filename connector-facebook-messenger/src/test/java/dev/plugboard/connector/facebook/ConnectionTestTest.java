package dev.plugboard.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.error.RateLimitException;
import dev.plugboard.connector.facebook.fake.FakeGraphApi;
import dev.plugboard.connector.facebook.fake.FakeGraphApi.FakeError;
import dev.plugboard.connector.facebook.fake.FakeGraphApi.Operation;
import dev.plugboard.connector.schema.Setup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connection test: the App ID/Secret pair, then the Page tokens once authorized. */
class ConnectionTestTest {

  private final FakeGraphApi graph = FakeGraphApi.start();

  @AfterEach
  void stop() {
    graph.close();
  }

  @Test
  void passesForTheRightPairAndAsksToAuthorize() {
    TestResult result = Fixtures.CONNECTOR.open(Fixtures.context(graph).build()).test();

    assertThat(result.ok()).isTrue();
    assertThat(result.message()).contains("Authorize");
    assertThat(graph.received(Operation.DEBUG_TOKEN))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.query())
                    .containsEntry(
                        "access_token", FakeGraphApi.APP_ID + "|" + FakeGraphApi.APP_SECRET)
                    .containsEntry(
                        "input_token", FakeGraphApi.APP_ID + "|" + FakeGraphApi.APP_SECRET));
  }

  @Test
  void failsForAWrongSecretWithoutQuotingIt() {
    String wrong = "ffffffffffffffffffffffffffffffff";

    TestResult result = test(Fixtures.setup().with("clientSecret", wrong));

    assertThat(result.ok()).isFalse();
    assertThat(result.message()).contains("refused").doesNotContain(wrong);
  }

  @Test
  void failsForAnUnknownAppId() {
    assertThat(test(Fixtures.setup().with("clientId", "999")).ok()).isFalse();
  }

  @Test
  void failsWithoutClientIdOrSecret() {
    TestResult result = test(Setup.of("clientId", FakeGraphApi.APP_ID));

    assertThat(result.ok()).isFalse();
    assertThat(result.message()).contains("Client Secret");
    assertThat(graph.received()).isEmpty();
  }

  @Test
  void passesWhenEveryPageTokenIsValid() {
    graph.addPage("908070605040302", "Second Page");
    ConnectorSession session =
        Fixtures.CONNECTOR.open(
            Fixtures.context(graph)
                .credentials(Fixtures.authorizedFor(graph, FakeGraphApi.PAGE_ID, "908070605040302"))
                .build());

    TestResult result = session.test();

    assertThat(result.ok()).isTrue();
    assertThat(result.message()).contains("2 Pages");
    assertThat(graph.received(Operation.DEBUG_TOKEN)).hasSize(3);
  }

  @Test
  void failsNamingThePageWhoseTokenWasRevoked() {
    ConnectorSession session =
        Fixtures.CONNECTOR.open(
            Fixtures.context(graph)
                .credentials(Fixtures.authorizedFor(graph, FakeGraphApi.PAGE_ID))
                .build());
    graph.invalidateTokens();

    TestResult result = session.test();

    assertThat(result.ok()).isFalse();
    assertThat(result.message()).contains("Page " + FakeGraphApi.PAGE_ID).contains("authorize");
  }

  @Test
  void leavesARateLimitToTheRuntime() {
    graph.failNext(Operation.DEBUG_TOKEN, FakeError.RATE_LIMIT);

    assertThatThrownBy(() -> Fixtures.CONNECTOR.open(Fixtures.context(graph).build()).test())
        .isInstanceOf(RateLimitException.class);
  }

  private TestResult test(Setup setup) {
    return Fixtures.CONNECTOR.open(Fixtures.context(graph).setup(setup).build()).test();
  }
}
