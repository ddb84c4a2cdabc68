package dev.plugboard.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.connector.schema.Validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-field checks of a setup, before it is stored. */
class SetupValidationTest {

  @Test
  void acceptsACompleteSetup() {
    assertThat(validate(Fixtures.setup()).errors()).isEmpty();
  }

  @Test
  void asksForEveryMissingValue() {
    assertThat(validate(Setup.empty()).errors())
        .extracting(FieldError::field)
        .containsExactly("clientId", "clientSecret", "scopes", "verifyToken");
  }

  @Test
  void refusesAClientIdThatIsNotAllDigits() {
    for (String id : List.of("my-app", "12 34", "1234567890123456a", "\uff11\uff12")) {
      assertThat(errorsOf("clientId", Fixtures.setup().with("clientId", id)))
          .as(id)
          .singleElement()
          .satisfies(m -> assertThat(m).contains("digits").doesNotContain(id));
    }
  }

  @Test
  void refusesASecretWithSpacesWithoutQuotingIt() {
    String secret = "0f1e2d3c 4b5a6978";

    assertThat(errorsOf("clientSecret", Fixtures.setup().with("clientSecret", secret)))
        .singleElement()
        .satisfies(m -> assertThat(m).doesNotContain(secret).doesNotContain("4b5a6978"));
  }

  @Test
  void refusesAVerifyTokenWithSpaces() {
    assertThat(errorsOf("verifyToken", Fixtures.setup().with("verifyToken", "my verify token")))
        .hasSize(1);
  }

  @Test
  void refusesScopesThatDoNotLookLikePermissionNames() {
    for (String scopes :
        List.of(
            "pages_messaging pages_show_list",
            "Pages_Messaging,pages_show_list",
            "pages_messaging,pages_show_list,read-mailbox")) {
      assertThat(errorsOf("scopes", Fixtures.setup().with("scopes", scopes)))
          .as(scopes)
          .singleElement()
          .satisfies(m -> assertThat(m).contains("permission name"));
    }
  }

  @Test
  void refusesAnEmptyScopeItem() {
    assertThat(
            errorsOf("scopes", Fixtures.setup().with("scopes", "pages_messaging,,pages_show_list")))
        .hasSize(1);
  }

  @Test
  void requiresTheScopesTheConnectionCannotWorkWithout() {
    assertThat(errorsOf("scopes", Fixtures.setup().with("scopes", "pages_manage_metadata,email")))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("pages_show_list and pages_messaging"));
  }

  @Test
  void acceptsScopesWithBlanksAroundCommasAndExtraPermissions() {
    Setup setup =
        Fixtures.setup().with("scopes", "pages_messaging , pages_show_list, pages_read_engagement");

    assertThat(validate(setup).errors()).isEmpty();
  }

  private static List<String> errorsOf(String key, Setup setup) {
    return validate(setup).results().stream()
        .filter(r -> r.key().equals(key))
        .findFirst()
        .orElseThrow()
        .messages();
  }

  private static Validation validate(Setup setup) {
    return Fixtures.CONNECTOR.validate(setup);
  }
}
