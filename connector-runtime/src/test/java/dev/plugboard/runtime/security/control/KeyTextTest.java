package dev.plugboard.runtime.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyTextTest {

  @Test
  void generatedKeysParseBackToTheirId() {
    KeyText key = KeyText.generate();
    assertThat(key.text()).matches("pb_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
    assertThat(KeyText.parse(key.text())).contains(key);
    assertThat(key.toString()).doesNotContain(key.text());
  }

  @Test
  void keysAreUnique() {
    assertThat(KeyText.generate().text()).isNotEqualTo(KeyText.generate().text());
  }

  @Test
  void otherTextIsNotAKey() {
    assertThat(KeyText.parse("pb_123_abc")).isEmpty();
    assertThat(KeyText.parse("Bearer pb_0123456789abcdef_" + "A".repeat(43))).isEmpty();
  }

  @Test
  void hashesAreSha256InHex() {
    assertThat(KeyText.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(KeyText.sameHash(KeyText.hash("a"), KeyText.hash("a"))).isTrue();
    assertThat(KeyText.sameHash(KeyText.hash("a"), KeyText.hash("b"))).isFalse();
  }
}
