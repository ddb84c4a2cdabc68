package dev.plugboard.runtime.testing;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldLevel;
import dev.plugboard.connector.schema.FieldType;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;

/** A connector authorized with OAuth 2, with a check of its own on the client id. */
public class SampleOAuthConnector implements Connector {

  private static final ConnectorDescriptor DESCRIPTOR =
      ConnectorDescriptor.builder("sample-oauth", "Sample OAuth", "1.0.0")
          .description("An OAuth 2 connector for tests.")
          .authFields(
              Field.builder("clientId", FieldType.TEXT)
                  .label("Client ID")
                  .required(true)
                  .level(FieldLevel.BOTH)
                  .build(),
              Field.builder("clientSecret", FieldType.SECRET)
                  .label("Client Secret")
                  .required(true)
                  .level(FieldLevel.BOTH)
                  .build(),
              Field.builder("scopes", FieldType.LIST)
                  .label("Scopes")
                  .defaultValue("read,write")
                  .level(FieldLevel.BOTH)
                  .build())
          .authorization(
              new Authorization.OAuth2AuthorizationCode(
                  "https://auth.invalid/authorize",
                  "https://auth.invalid/token",
                  "clientId",
                  "clientSecret",
                  "scopes",
                  ","))
          .build();

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Validation validate(Setup setup) {
    Validation validation = Connector.super.validate(setup);
    if (validation.valid("clientId")
        && setup.value("clientId").filter(id -> !id.matches("\\d+")).isPresent()) {
      return validation.and("clientId", "must be digits");
    }
    return validation;
  }

  @Override
  public ConnectorSession open(ConnectorContext context) {
    return new ConnectorSession() {};
  }
}
