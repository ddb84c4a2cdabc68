package dev.plugboard.connector.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.connector.schema.Validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

  private final List<Field> schema =
      List.of(
          Field.builder("clientId", FieldType.TEXT)
              .label("Client ID")
              .required(true)
              .pattern("\\d+")
              .build(),
          Field.builder("secret", FieldType.SECRET).label("Secret").required(true).build(),
          Field.builder("scopes", FieldType.LIST)
              .label("Scopes")
              .defaultValue("a,b")
              .pattern("[a-z_]+")
              .build(),
          Field.builder("mode", FieldType.CHOICE).label("Mode").choices("x", "y").build());

  @Test
  void givesOneResultPerFieldInSchemaOrder() {
    Validation validation = Validation.of(schema, Setup.empty());
    assertThat(validation.results())
        .extracting(FieldResult::key)
        .containsExactly("clientId", "secret", "scopes", "mode");
  }

  @Test
  void reportsMissingRequiredFieldsByLabel() {
    Validation validation = Validation.of(schema, Setup.of("clientId", "  "));
    assertThat(validation.valid()).isFalse();
    assertThat(validation.errors())
        .containsExactly(
            new FieldError("clientId", "Client ID is required"),
            new FieldError("secret", "Secret is required"));
  }

  @Test
  void checksGivenValuesAgainstTypeAndPattern() {
    Validation validation =
        Validation.of(
            schema, Setup.of("clientId", "12a", "secret", "s", "scopes", "ok, Bad", "mode", "z"));
    assertThat(validation.errors())
        .containsExactly(
            new FieldError("clientId", "does not have the expected form"),
            new FieldError("scopes", "item 2 does not have the expected form"),
            new FieldError("mode", "must be one of x, y"));
  }

  @Test
  void acceptsAValidSetupAndIgnoresUnknownKeys() {
    Validation validation =
        Validation.of(schema, Setup.of("clientId", "123", "secret", "s", "other", "?"));
    assertThat(validation.valid()).isTrue();
    assertThat(validation.errors()).isEmpty();
  }

  @Test
  void connectorChecksAreAddedToTheRightField() {
    Validation validation =
        Validation.of(schema, Setup.of("clientId", "123", "secret", "s"))
            .and("secret", "Secret must be 32 characters");
    assertThat(validation.valid("clientId")).isTrue();
    assertThat(validation.valid("secret")).isFalse();
    assertThat(validation.results()).hasSize(4);
    assertThat(validation.errors())
        .containsExactly(new FieldError("secret", "Secret must be 32 characters"));
    assertThatThrownBy(() -> validation.and("nope", "x"))
        .hasMessage("no field 'nope' in this validation");
  }
}
