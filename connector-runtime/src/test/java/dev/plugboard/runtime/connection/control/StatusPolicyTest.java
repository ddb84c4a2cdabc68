package dev.plugboard.runtime.connection.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.runtime.catalog.control.SetupCheck;
import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import dev.plugboard.runtime.testing.SampleConnector;
import dev.plugboard.runtime.testing.SampleOAuthConnector;
import org.junit.jupiter.api.Test;

class StatusPolicyTest {

  private static StatusPolicy.Decision decide(
      Connector connector, Setup setup, boolean credentials) {
    Setup effective = setup.over(SetupCheck.schemaDefaults(connector.descriptor()));
    return StatusPolicy.decide(
        SetupCheck.of(connector, effective), connector.descriptor().authorization(), credentials);
  }

  @Test
  void anIncompleteSetupNamesWhatIsMissing() {
    StatusPolicy.Decision decision =
        decide(new SampleConnector(), Setup.of("endpoint", "https://x.test"), false);
    assertThat(decision.status()).isEqualTo(ConnectionStatus.NEEDS_SETUP);
    assertThat(decision.reason()).contains("Missing: API Token.");
  }

  @Test
  void aCompleteApiKeySetupIsConnected() {
    assertThat(
            decide(
                    new SampleConnector(),
                    Setup.of("endpoint", "https://x.test", "apiToken", "t"),
                    false)
                .status())
        .isEqualTo(ConnectionStatus.CONNECTED);
  }

  @Test
  void oauthNeedsCredentialsOnTopOfACompleteSetup() {
    Setup complete = Setup.of("clientId", "123", "clientSecret", "s");
    assertThat(decide(new SampleOAuthConnector(), complete, false).status())
        .isEqualTo(ConnectionStatus.NEEDS_AUTHORIZATION);
    assertThat(decide(new SampleOAuthConnector(), complete, true).status())
        .isEqualTo(ConnectionStatus.CONNECTED);
  }

  @Test
  void theConnectorsOwnChecksCount() {
    StatusPolicy.Decision decision =
        decide(new SampleOAuthConnector(), Setup.of("clientId", "abc", "clientSecret", "s"), true);
    assertThat(decision.status()).isEqualTo(ConnectionStatus.NEEDS_SETUP);
  }
}
