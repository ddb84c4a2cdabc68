package dev.plugboard.runtime.secret.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.secret.entity.Sealed;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private static MasterKey randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return MasterKey.of(bytes);
  }

  private final MasterKey key = randomKey();
  private final SecretBox box = new SecretBox(KeyRing.of(key, List.of()));

  @Test
  void opensWhatItSealed() {
    Sealed sealed = box.seal("app-secret", "setup/c1/clientSecret");
    assertThat(sealed.keyId()).isEqualTo(key.id());
    assertThat(box.open(sealed, "setup/c1/clientSecret")).isEqualTo("app-secret");
  }

  @Test
  void neverStoresThePlaintextAndUsesAFreshNonceEachTime() {
    Sealed first = box.seal("app-secret", "owner");
    Sealed second = box.seal("app-secret", "owner");
    assertThat(first.nonce()).hasSize(12).isNotEqualTo(second.nonce());
    assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    assertThat(new String(first.ciphertext(), StandardCharsets.ISO_8859_1))
        .doesNotContain("app-secret");
  }

  @Test
  void aValueMovedToAnotherOwnerDoesNotOpen() {
    Sealed sealed = box.seal("app-secret", "setup/c1/clientSecret");
    assertThatThrownBy(() -> box.open(sealed, "setup/c2/clientSecret"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("app-secret");
  }

  @Test
  void anAlteredValueDoesNotOpen() {
    Sealed sealed = box.seal("app-secret", "owner");
    byte[] altered = sealed.ciphertext();
    altered[0] ^= 1;
    assertThatThrownBy(() -> box.open(new Sealed(sealed.keyId(), sealed.nonce(), altered), "owner"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void afterRotationOldValuesOpenWithThePreviousKey() {
    Sealed old = box.seal("app-secret", "owner");
    MasterKey next = randomKey();
    SecretBox rotated = new SecretBox(KeyRing.of(next, List.of(key)));
    assertThat(rotated.open(old, "owner")).isEqualTo("app-secret");
    assertThat(rotated.seal("new", "owner").keyId()).isEqualTo(next.id());

    SecretBox forgotten = new SecretBox(KeyRing.of(next, List.of()));
    assertThatThrownBy(() -> forgotten.open(old, "owner"))
        .hasMessageContaining(key.id())
        .hasMessageContaining("plugboard.master-key.previous");
  }

  @Test
  void keyIdsAreShortHashesThatRevealNothing() {
    assertThat(key.id()).matches("[0-9a-f]{16}");
    assertThat(MasterKey.of(key.key().getEncoded()).id()).isEqualTo(key.id());
    assertThat(key.toString())
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(key.key().getEncoded()));
  }

  @Test
  void configuredKeysMustBe32BytesOfBase64() {
    assertThatThrownBy(() -> MasterKey.parse("not base64!", "plugboard.master-key"))
        .hasMessage("plugboard.master-key is not valid base64");
    assertThatThrownBy(() -> MasterKey.parse("AAAA", "plugboard.master-key"))
        .hasMessageContaining("32 bytes");
  }
}
