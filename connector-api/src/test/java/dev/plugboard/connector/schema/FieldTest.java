package dev.plugboard.connector.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldTest {

  @Test
  void builderDefaultsToAnOptionalTenantTextField() {
    Field field = Field.builder("name", FieldType.TEXT).label("Name").build();
    assertThat(field.required()).isFalse();
    assertThat(field.secret()).isFalse();
    assertThat(field.level()).isEqualTo(FieldLevel.TENANT);
    assertThat(field.defaultValue()).isEmpty();
    assertThat(field.help()).isEmpty();
  }

  @Test
  void secretTypeIsAlwaysSecret() {
    assertThat(Field.builder("k", FieldType.SECRET).build().secret()).isTrue();
    assertThatThrownBy(() -> Field.builder("k", FieldType.SECRET).secret(false).build())
        .hasMessage("field 'k' is of type secret but not secret");
  }

  @Test
  void otherTypesMayBeSecretToo() {
    assertThat(Field.builder("keys", FieldType.LIST).secret(true).build().secret()).isTrue();
  }

  @Test
  void refusesKeysThatCannotBeStoredSafely() {
    for (String key : List.of("", "1abc", "with space", "a/b", "x".repeat(65))) {
      assertThatThrownBy(() -> Field.builder(key, FieldType.TEXT).build())
          .as("key '%s'", key)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must match");
    }
  }

  @Test
  void refusesABlankLabel() {
    assertThatThrownBy(() -> Field.builder("k", FieldType.TEXT).label("  ").build())
        .hasMessage("field 'k' has a blank label");
  }

  @Test
  void refusesASecretWithADefault() {
    assertThatThrownBy(() -> Field.builder("k", FieldType.SECRET).defaultValue("x").build())
        .hasMessageContaining("has a default");
  }

  @Test
  void choiceFieldsNeedDistinctChoicesAndTheirDefaultAmongThem() {
    assertThatThrownBy(() -> Field.builder("c", FieldType.CHOICE).build())
        .hasMessage("choice field 'c' lists no choices");
    assertThatThrownBy(() -> Field.builder("c", FieldType.CHOICE).choices("a", "a").build())
        .hasMessage("choice field 'c' repeats a choice");
    assertThatThrownBy(
            () -> Field.builder("c", FieldType.CHOICE).choices("a", "b").defaultValue("z").build())
        .hasMessage("the default of field 'c' is invalid: must be one of a, b");
    assertThatThrownBy(() -> Field.builder("t", FieldType.TEXT).choices("a").build())
        .hasMessage("field 't' lists choices but is of type text");
  }

  @Test
  void refusesAnInvalidPatternOrADefaultThatDoesNotMatchIt() {
    assertThatThrownBy(() -> Field.builder("p", FieldType.TEXT).pattern("[").build())
        .hasMessageStartingWith("field 'p' has an invalid pattern");
    assertThatThrownBy(
            () -> Field.builder("p", FieldType.TEXT).pattern("\\d+").defaultValue("abc").build())
        .hasMessage("the default of field 'p' is invalid: does not have the expected form");
  }

  @Test
  void checksValuesByType() {
    assertThat(Field.builder("b", FieldType.BOOLEAN).build().check("yes"))
        .containsExactly("must be true or false");
    assertThat(Field.builder("b", FieldType.BOOLEAN).build().check("true")).isEmpty();
    Field url = Field.builder("u", FieldType.URL).build();
    assertThat(url.check("https://example.com/x")).isEmpty();
    assertThat(url.check("ftp://example.com"))
        .containsExactly("must be an absolute http or https URL");
    assertThat(url.check("/relative")).isNotEmpty();
    Field list = Field.builder("l", FieldType.LIST).pattern("[a-z_]+").build();
    assertThat(list.check("a, b_c ,d")).isEmpty();
    assertThat(list.check("a,,b"))
        .containsExactly("has an empty item: separate values with single commas");
    assertThat(list.check("a, B")).containsExactly("item 2 does not have the expected form");
    assertThat(Field.builder("t", FieldType.TEXT).build().check("two\nlines"))
        .containsExactly("must be on one line");
  }

  @Test
  void patternMessagesNeverEchoTheValue() {
    Field secret = Field.builder("s", FieldType.SECRET).pattern("[a-z]+").build();
    assertThat(secret.check("TopSecret1")).singleElement().asString().doesNotContain("TopSecret1");
  }

  @Test
  void choicesAreImmutable() {
    Field field = Field.builder("c", FieldType.CHOICE).choices("a", "b").build();
    assertThatThrownBy(() -> field.choices().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
