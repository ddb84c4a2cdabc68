package dev.plugboard.runtime.testing;

import dev.plugboard.connector.Capabilities;
import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.Icon;
import dev.plugboard.connector.Setting;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldLevel;
import dev.plugboard.connector.schema.FieldType;
import java.util.List;

/**
 * A connector with an API key: one field of each level, a secret, a setting and a connection test
 * that accepts tokens starting with {@code good} and fails loudly on {@code explode}.
 */
public class SampleConnector implements Connector {

  private static final ConnectorDescriptor DESCRIPTOR =
      ConnectorDescriptor.builder("sample", "Sample", "1.0.0")
          .description("A connector for tests.")
          .icon(Icon.svg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"))
          .categories("testing")
          .authFields(
              Field.builder("endpoint", FieldType.URL).label("Endpoint").required(true).build(),
              Field.builder("apiToken", FieldType.SECRET)
                  .label("API Token")
                  .required(true)
                  .level(FieldLevel.BOTH)
                  .build(),
              Field.builder("region", FieldType.CHOICE)
                  .label("Region")
                  .choices("eu", "us")
                  .defaultValue("eu")
                  .level(FieldLevel.OPERATOR)
                  .build(),
              Field.builder("note", FieldType.TEXT).label("Note").build())
          .authorization(new Authorization.ApiKey("apiToken"))
          .settings(new Setting("base-url", "https://sample.invalid", "The provider's API"))
          .capabilities(new Capabilities(false, true, List.of()))
          .build();

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConnectorSession open(ConnectorContext context) {
    return new ConnectorSession() {
      @Override
      public TestResult test() {
        String token = context.setup().require("apiToken");
        if (token.equals("explode")) {
          throw new ConnectorException("the provider failed");
        }
        return token.startsWith("good")
            ? TestResult.ok(
                "Token accepted by "
                    + context.setting("base-url")
                    + " in "
                    + context.setup().require("region"))
            : TestResult.failed("The API token was refused");
      }
    };
  }
}
