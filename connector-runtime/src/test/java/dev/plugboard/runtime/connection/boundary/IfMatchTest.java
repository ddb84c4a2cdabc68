package dev.plugboard.runtime.connection.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IfMatchTest {

  @Test
  void readsTheVersionFromStrongAndWeakTags() {
    assertThat(IfMatch.expectedVersion("\"7\"")).isEqualTo(OptionalLong.of(7));
    assertThat(IfMatch.expectedVersion("W/\"7\"")).isEqualTo(OptionalLong.of(7));
    assertThat(IfMatch.expectedVersion("7")).isEqualTo(OptionalLong.of(7));
  }

  @Test
  void anyVersionWithoutHeaderOrWithStar() {
    assertThat(IfMatch.expectedVersion(null)).isEmpty();
    assertThat(IfMatch.expectedVersion("*")).isEmpty();
  }

  @Test
  void anUnreadableTagNeverMatches() {
    assertThat(IfMatch.expectedVersion("\"abc\"")).isEqualTo(OptionalLong.of(IfMatch.NO_VERSION));
  }
}
