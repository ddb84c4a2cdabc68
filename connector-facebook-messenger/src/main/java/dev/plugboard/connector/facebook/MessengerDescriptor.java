package dev.plugboard.connector.facebook;

import dev.plugboard.connector.Capabilities;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.Icon;
import dev.plugboard.connector.Setting;
import dev.plugboard.connector.action.ActionDescriptor;
import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldLevel;
import dev.plugboard.connector.schema.FieldType;
import java.util.List;

/**
 * The Messenger connector's descriptor and the keys it is made of. Field keys, setting keys and
 * action names are stored by the runtime with every connection and must never change.
 */
final class MessengerDescriptor {

  static final String ID = "facebook-messenger";
  static final String VERSION = "1.0.0";

  static final String CLIENT_ID = "clientId";
  static final String CLIENT_SECRET = "clientSecret";
  static final String SCOPES = "scopes";
  static final String VERIFY_TOKEN = "verifyToken";

  static final String GRAPH_URL = "graph-url";
  static final String DIALOG_URL = "dialog-url";
  static final String API_VERSION = "api-version";

  static final String SEND_MESSAGE = "send-message";
  static final String SUBSCRIBE_PAGE = "subscribe-page";

  static final String PAGE_ID = "pageId";
  static final String RECIPIENT_ID = "recipientId";
  static final String TEXT = "text";
  static final String MESSAGING_TYPE = "messagingType";
  static final String TAG = "tag";

  /** Without these the connector cannot list Pages, get their tokens or send. */
  static final List<String> NEEDED_SCOPES = List.of("pages_show_list", "pages_messaging");

  static final String DEFAULT_SCOPES = "pages_messaging,pages_manage_metadata,pages_show_list";

  static final ConnectorDescriptor DESCRIPTOR = build();

  private MessengerDescriptor() {}

  private static ConnectorDescriptor build() {
    return ConnectorDescriptor.builder(ID, "Facebook Messenger", VERSION)
        .description(
            "Receive the messages people send to your Facebook Pages through Messenger webhooks,"
                + " and answer them with the Send API.")
        .icon(Icon.svg(ICON))
        .categories("messaging", "social")
        .configPrefix("facebook")
        .authFields(clientId(), clientSecret(), scopes(), verifyToken())
        .authorization(
            new Authorization.OAuth2AuthorizationCode(
                "{" + DIALOG_URL + "}/{" + API_VERSION + "}/dialog/oauth",
                "{" + GRAPH_URL + "}/{" + API_VERSION + "}/oauth/access_token",
                CLIENT_ID,
                CLIENT_SECRET,
                SCOPES,
                ","))
        .settings(
            new Setting(
                GRAPH_URL,
                "https://graph.facebook.com",
                "Base URL of the Graph API: token exchanges, Pages, Send API."),
            new Setting(
                DIALOG_URL, "https://www.facebook.com", "Base URL of the Facebook Login dialog."),
            new Setting(
                API_VERSION,
                "v25.0",
                "Graph API version used in every URL, e.g. v25.0. Facebook serves each version"
                    + " for about two years."))
        .capabilities(new Capabilities(true, true, List.of(sendMessage(), subscribePage())))
        .build();
  }

  private static Field clientId() {
    return Field.builder(CLIENT_ID, FieldType.TEXT)
        .label("Client ID")
        .help(
            "The App ID of your Facebook app, a number shown at the top of the app's dashboard and"
                + " under App settings > Basic in the Meta for Developers console"
                + " (developers.facebook.com/apps). In the app's Facebook Login settings, add"
                + " this connection's redirect URI, your service domain followed by"
                + " /connector/callback, to the Valid OAuth Redirect URIs.")
        .required(true)
        .level(FieldLevel.BOTH)
        .build();
  }

  private static Field clientSecret() {
    return Field.builder(CLIENT_SECRET, FieldType.SECRET)
        .label("Client Secret")
        .help(
            "The App Secret of the same app, under App settings > Basic (click Show). It is used"
                + " to exchange authorization codes for tokens and it signs every webhook delivery"
                + " (the X-Hub-Signature-256 header), so keep it private. Stored encrypted and"
                + " never shown again.")
        .required(true)
        .level(FieldLevel.BOTH)
        .build();
  }

  private static Field scopes() {
    return Field.builder(SCOPES, FieldType.LIST)
        .label("Scopes")
        .help(
            "The permissions to ask for, separated by commas. pages_show_list lists the Pages you"
                + " manage, pages_messaging lets the connection receive and send their messages,"
                + " and pages_manage_metadata subscribes each Page to the app's webhooks. People"
                + " without a role on the app can grant them only once the app has passed App"
                + " Review for them.")
        .required(true)
        .defaultValue(DEFAULT_SCOPES)
        .level(FieldLevel.BOTH)
        .build();
  }

  private static Field verifyToken() {
    return Field.builder(VERIFY_TOKEN, FieldType.SECRET)
        .label("Verify Token")
        .help(
            "A secret string of your choice that Facebook sends back once, when you register the"
                + " webhook. In the app's Messenger (or Webhooks) settings, enter this connection's"
                + " webhook URL as the Callback URL and the same value as the Verify Token. Use the"
                + " generator for a strong random one. Stored encrypted and never shown again.")
        .required(true)
        .level(FieldLevel.BOTH)
        .build();
  }

  private static Field pageId() {
    return Field.builder(PAGE_ID, FieldType.TEXT)
        .label("Page ID")
        .help(
            "The Facebook Page to act for. May be left out when the connection was authorized"
                + " for exactly one Page.")
        .pattern("[0-9]+")
        .build();
  }

  private static ActionDescriptor sendMessage() {
    return new ActionDescriptor(
        SEND_MESSAGE,
        "Send message",
        "Sends a text message from a Page to a person through the Messenger Send API.",
        List.of(
            pageId(),
            Field.builder(RECIPIENT_ID, FieldType.TEXT)
                .label("Recipient PSID")
                .help(
                    "The Page-scoped ID of the person, as received in the sender.id of their"
                        + " message events.")
                .required(true)
                .pattern("[0-9]+")
                .build(),
            Field.builder(TEXT, FieldType.TEXT)
                .label("Text")
                .help("The message text, at most " + SendMessage.MAX_TEXT + " characters.")
                .required(true)
                .build(),
            Field.builder(MESSAGING_TYPE, FieldType.CHOICE)
                .label("Messaging type")
                .help(
                    "RESPONSE answers a message within 24 hours of it; UPDATE is any other message"
                        + " within that window; MESSAGE_TAG sends outside it and needs a tag.")
                .choices(SendMessage.MESSAGING_TYPES.toArray(String[]::new))
                .defaultValue(SendMessage.RESPONSE)
                .build(),
            Field.builder(TAG, FieldType.CHOICE)
                .label("Tag")
                .help(
                    "Required with MESSAGE_TAG: why the message may be sent outside the 24-hour"
                        + " window, e.g. HUMAN_AGENT (up to 7 days after the person's message).")
                .choices(SendMessage.TAGS.toArray(String[]::new))
                .build()));
  }

  private static ActionDescriptor subscribePage() {
    return new ActionDescriptor(
        SUBSCRIBE_PAGE,
        "Subscribe Page",
        "Subscribes a Page to the app's webhooks so that its messages reach this connection."
            + " Authorizing does it for every Page; use this after a Page was unsubscribed.",
        List.of(pageId()));
  }

  /** An original chat-bubble glyph (not Meta's logo). */
  private static final String ICON =
      """
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">\
      <rect width="64" height="64" rx="14" fill="#2f6fde"/>\
      <path d="M32 12c-12.2 0-22 8.6-22 19.3 0 6 3.1 11.4 8 14.9V54l7.6-4.3c2 .5 4.2.8 6.4.8\
       12.2 0 22-8.6 22-19.2S44.2 12 32 12z" fill="#fff"/>\
      <circle cx="22" cy="31.5" r="3.2" fill="#2f6fde"/>\
      <circle cx="32" cy="31.5" r="3.2" fill="#2f6fde"/>\
      <circle cx="42" cy="31.5" r="3.2" fill="#2f6fde"/>\
      </svg>""";
}
