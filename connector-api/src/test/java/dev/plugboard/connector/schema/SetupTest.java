package dev.plugboard.connector.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SetupTest {

  @Test
  void blankValuesCountAsNotGivenAndValuesAreStripped() {
    Setup setup = Setup.of("a", "  x  ", "b", "   ");
    assertThat(setup.value("a")).contains("x");
    assertThat(setup.value("b")).isEmpty();
    assertThat(setup.has("b")).isFalse();
    assertThatThrownBy(() -> setup.require("b")).hasMessage("setup has no value for b");
  }

  @Test
  void listsSplitOnCommasAndDropBlanks() {
    assertThat(Setup.of("l", " a, b ,,c ").list("l")).containsExactly("a", "b", "c");
    assertThat(Setup.empty().list("l")).isEmpty();
  }

  @Test
  void tenantValuesOverrideDefaultsButBlanksDoNot() {
    Setup defaults = Setup.of("clientId", "1", "scopes", "a,b");
    Setup tenant = Setup.of("clientId", "2", "scopes", " ");
    Setup effective = tenant.over(defaults);
    assertThat(effective.value("clientId")).contains("2");
    assertThat(effective.value("scopes")).contains("a,b");
  }

  @Test
  void toStringNeverShowsValues() {
    assertThat(Setup.of("secret", "hunter2").toString())
        .isEqualTo("Setup[secret]")
        .doesNotContain("hunter2");
  }

  @Test
  void flagsAreTrueOnlyForTrue() {
    assertThat(Setup.of("f", "true").flag("f")).isTrue();
    assertThat(Setup.of("f", "TRUE").flag("f")).isFalse();
    assertThat(Setup.empty().flag("f")).isFalse();
  }
}
