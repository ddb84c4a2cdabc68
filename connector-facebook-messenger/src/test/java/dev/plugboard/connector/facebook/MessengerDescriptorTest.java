package dev.plugboard.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.Setting;
import dev.plugboard.connector.action.ActionDescriptor;
import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.connector.loader.ConnectorLoader;
import dev.plugboard.connector.loader.LoadResult;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldLevel;
import dev.plugboard.connector.schema.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What the marketplace and the setup form show of the connector. */
class MessengerDescriptorTest {

  private final ConnectorDescriptor descriptor = new MessengerConnector().descriptor();

  @Test
  void isFacebookMessengerConfiguredUnderPlugboardFacebook() {
    assertThat(descriptor.id()).isEqualTo("facebook-messenger");
    assertThat(descriptor.name()).isEqualTo("Facebook Messenger");
    assertThat(descriptor.configPrefix()).isEqualTo("facebook");
    assertThat(descriptor.categories()).containsExactly("messaging", "social");
    assertThat(descriptor.description()).isNotBlank();
  }

  @Test
  void asksForClientIdClientSecretScopesAndVerifyTokenInThatOrder() {
    assertThat(descriptor.authFields())
        .extracting(
            Field::key, Field::label, Field::type, Field::secret, Field::required, Field::level)
        .containsExactly(
            tuple("clientId", "Client ID", FieldType.TEXT, false, true, FieldLevel.BOTH),
            tuple("clientSecret", "Client Secret", FieldType.SECRET, true, true, FieldLevel.BOTH),
            tuple("scopes", "Scopes", FieldType.LIST, false, true, FieldLevel.BOTH),
            tuple("verifyToken", "Verify Token", FieldType.SECRET, true, true, FieldLevel.BOTH));
    assertThat(descriptor.authField("scopes").orElseThrow().defaultValue())
        .contains("pages_messaging,pages_manage_metadata,pages_show_list");
  }

  @Test
  void helpSaysWhereEachValueIsFoundAndWhichRedirectUriToRegister() {
    assertThat(help("clientId")).contains("App ID", "App settings > Basic", "/connector/callback");
    assertThat(help("clientSecret")).contains("App Secret", "X-Hub-Signature-256");
    assertThat(help("scopes"))
        .contains("pages_show_list", "pages_messaging", "pages_manage_metadata");
    assertThat(help("verifyToken")).contains("Verify Token", "webhook URL");
  }

  @Test
  void readsGraphUrlDialogUrlAndApiVersionFromSettings() {
    assertThat(descriptor.settings())
        .extracting(Setting::key, Setting::defaultValue)
        .containsExactly(
            tuple("graph-url", "https://graph.facebook.com"),
            tuple("dialog-url", "https://www.facebook.com"),
            tuple("api-version", "v25.0"));
    assertThat(descriptor.configKey(descriptor.setting("graph-url").orElseThrow()))
        .isEqualTo("plugboard.facebook.graph-url");
  }

  @Test
  void isAuthorizedWithOauth2OnTheConfiguredEndpoints() {
    assertThat(descriptor.authorization())
        .isEqualTo(
            new Authorization.OAuth2AuthorizationCode(
                "{dialog-url}/{api-version}/dialog/oauth",
                "{graph-url}/{api-version}/oauth/access_token",
                "clientId",
                "clientSecret",
                "scopes",
                ","));
  }

  @Test
  void offersWebhooksAConnectionTestAndTwoActions() {
    assertThat(descriptor.capabilities().webhooks()).isTrue();
    assertThat(descriptor.capabilities().connectionTest()).isTrue();
    assertThat(descriptor.capabilities().actions())
        .extracting(ActionDescriptor::name)
        .containsExactly("send-message", "subscribe-page");
    ActionDescriptor send = descriptor.capabilities().actions().get(0);
    assertThat(send.input())
        .extracting(Field::key)
        .containsExactly("pageId", "recipientId", "text", "messagingType", "tag");
    Field type = send.input().get(3);
    assertThat(type.choices()).containsExactly("RESPONSE", "UPDATE", "MESSAGE_TAG");
    assertThat(type.defaultValue()).contains("RESPONSE");
  }

  @Test
  void hasAnSvgIcon() {
    String svg =
        new String(
            Base64.getDecoder().decode(descriptor.icon().orElseThrow().base64()),
            StandardCharsets.UTF_8);

    assertThat(descriptor.icon().orElseThrow().mediaType()).isEqualTo("image/svg+xml");
    assertThat(svg).startsWith("<svg").endsWith("</svg>");
  }

  @Test
  void isFoundByTheLoaderThroughItsServiceEntry() {
    LoadResult result = ConnectorLoader.load(MessengerConnector.class.getClassLoader());

    assertThat(result.connector("facebook-messenger")).containsInstanceOf(MessengerConnector.class);
    assertThat(result.failures()).isEmpty();
  }

  private String help(String key) {
    return descriptor.authField(key).orElseThrow().help();
  }
}
