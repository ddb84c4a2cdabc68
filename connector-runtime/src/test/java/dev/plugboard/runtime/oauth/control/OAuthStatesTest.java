package dev.plugboard.runtime.oauth.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OAuthStatesTest {

  @Test
  void onlyTheStatesHashIsKept() {
    String hash = OAuthStates.hash("abc");

    assertThat(hash)
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        .doesNotContain("abc");
  }
}
