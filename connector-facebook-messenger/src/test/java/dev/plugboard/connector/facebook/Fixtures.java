package dev.plugboard.connector.facebook;

import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.GrantedResource;
import dev.plugboard.connector.facebook.fake.FakeGraphApi;
import dev.plugboard.connector.schema.Setup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Setups and contexts shared by the connector's tests; values only, no state. */
final class Fixtures {

  static final MessengerConnector CONNECTOR = new MessengerConnector();
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final String VERIFY_TOKEN = "vt-7f3c9a1e5b2d4c6a8e0f";
  static final String PSID = "2418529374829183";

  private Fixtures() {}

  /** A complete setup for the fake's default app. */
  static Setup setup() {
    return Setup.of(
        "clientId", FakeGraphApi.APP_ID,
        "clientSecret", FakeGraphApi.APP_SECRET,
        "scopes", MessengerDescriptor.DEFAULT_SCOPES,
        "verifyToken", VERIFY_TOKEN);
  }

  /** A context whose Graph and dialog URLs point at the fake, with a fixed clock. */
  static ConnectorContext.Builder context(FakeGraphApi graph) {
    return ConnectorContext.builder(CONNECTOR.descriptor())
        .setup(setup())
        .setting("graph-url", graph.baseUrl())
        .setting("dialog-url", graph.baseUrl())
        .requestTimeout(Duration.ofSeconds(5))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** Credentials as an authorization of the given Pages would store them. */
  static Credentials authorizedFor(FakeGraphApi graph, String... pageIds) {
    List<GrantedResource> pages =
        List.of(pageIds).stream()
            .map(
                id ->
                    new GrantedResource(
                        id,
                        "Page " + id,
                        Map.of("accessToken", graph.pageToken(id)),
                        Map.of("category", "Software")))
            .toList();
    return new Credentials(
        Map.of("userToken", "EAAnot-used-by-actions"), Map.of(), pages, Optional.empty());
  }
}
