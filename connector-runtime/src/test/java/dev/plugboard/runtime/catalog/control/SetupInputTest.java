package dev.plugboard.runtime.catalog.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.schema.Field;
import dev.plugboard.runtime.catalog.control.SetupInput.Party;
import dev.plugboard.runtime.problem.FieldError;
import dev.plugboard.runtime.testing.SampleConnector;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetupInputTest {

  private static final List<Field> SCHEMA = new SampleConnector().descriptor().authFields();
  private static final Map<String, String> STORED =
      Map.of("endpoint", "https://old.test", "apiToken", "old-token", "note", "old note");

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static Map<String, String> apply(String body) {
    SetupInput input = SetupInput.read(SCHEMA, Party.TENANT, json(body));
    assertThat(input.errors()).isEmpty();
    return input.applyTo(STORED);
  }

  @Test
  void theBodyReplacesPlainValues() {
    assertThat(apply("{\"endpoint\": \"https://new.test\"}"))
        .containsEntry("endpoint", "https://new.test")
        .doesNotContainKey("note");
  }

  @Test
  void aSecretLeftOutNullOrShownAsSetKeepsItsValue() {
    assertThat(apply("{}")).containsEntry("apiToken", "old-token");
    assertThat(apply("{\"apiToken\": null}")).containsEntry("apiToken", "old-token");
    assertThat(apply("{\"apiToken\": {\"set\": true}}")).containsEntry("apiToken", "old-token");
  }

  @Test
  void anEmptySecretClearsIt() {
    assertThat(apply("{\"apiToken\": \"\"}")).doesNotContainKey("apiToken");
    assertThat(apply("{\"apiToken\": \"new\"}")).containsEntry("apiToken", "new");
  }

  @Test
  void unknownFieldsAndFieldsOfTheOtherPartyAreErrors() {
    SetupInput input =
        SetupInput.read(
            SCHEMA, Party.TENANT, json("{\"region\": \"us\", \"bogus\": \"x\", \"note\": [1]}"));
    assertThat(input.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("region", "bogus", "note");

    SetupInput operator = SetupInput.read(SCHEMA, Party.OPERATOR, json("{\"endpoint\": \"x\"}"));
    assertThat(operator.errors()).extracting(FieldError::field).containsExactly("endpoint");
    assertThat(operator.changes()).containsOnlyKeys("apiToken", "region");
  }

  @Test
  void numbersAndBooleansAreTakenAsText() {
    assertThat(apply("{\"note\": 42}")).containsEntry("note", "42");
  }
}
