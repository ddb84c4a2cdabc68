package dev.plugboard.runtime.credential.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.GrantedResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialCodecTest {

  @Test
  void credentialsComeBackAsTheyWent() {
    Credentials granted =
        new Credentials(
            Map.of("userToken", "EAAuser\"\\/\u00e9"),
            Map.of("scopes", "pages_messaging,pages_show_list", "userId", "1"),
            List.of(
                new GrantedResource("1", "Page \u2713", Map.of("accessToken", "EAAP1"), Map.of()),
                new GrantedResource(
                    "2", "Two", Map.of("accessToken", "EAAP2"), Map.of("category", "Shop"))),
            Optional.of(Instant.parse("2026-03-01T10:00:00Z")));

    Credentials read = CredentialCodec.read(CredentialCodec.write(granted));

    assertThat(read).isEqualTo(granted);
    assertThat(read.resources()).extracting(GrantedResource::id).containsExactly("1", "2");
  }

  @Test
  void credentialsThatNeverExpireStaySo() {
    Credentials granted = new Credentials(Map.of(), Map.of(), List.of(), Optional.empty());

    assertThat(CredentialCodec.read(CredentialCodec.write(granted))).isEqualTo(granted);
  }
}
