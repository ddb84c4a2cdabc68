package dev.plugboard.connector.facebook;

import static dev.plugboard.connector.facebook.MessengerDescriptor.CLIENT_ID;
import static dev.plugboard.connector.facebook.MessengerDescriptor.CLIENT_SECRET;
import static dev.plugboard.connector.facebook.MessengerDescriptor.DEFAULT_SCOPES;
import static dev.plugboard.connector.facebook.MessengerDescriptor.DIALOG_URL;
import static dev.plugboard.connector.facebook.MessengerDescriptor.PAGE_ID;
import static dev.plugboard.connector.facebook.MessengerDescriptor.SCOPES;
import static dev.plugboard.connector.facebook.MessengerDescriptor.SEND_MESSAGE;
import static dev.plugboard.connector.facebook.MessengerDescriptor.SUBSCRIBE_PAGE;

import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.GrantedResource;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.action.ActionResult;
import dev.plugboard.connector.auth.AuthorizationCallback;
import dev.plugboard.connector.auth.AuthorizationRequest;
import dev.plugboard.connector.error.AuthorizationException;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.error.ProviderError;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.Setup;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Messenger connector bound to one connection: Facebook Login, the Pages and their tokens, the
 * connection test and the actions. Holds nothing but its context.
 */
final class MessengerSession implements ConnectorSession {

  /** Secret key of the long-lived user token in {@link Credentials#secrets()}. */
  static final String USER_TOKEN = "userToken";

  /** Secret key of a Page's access token in {@link GrantedResource#secrets()}. */
  static final String PAGE_TOKEN = "accessToken";

  /** The webhook fields each Page is subscribed to: every Messenger event the connector splits. */
  static final String SUBSCRIBED_FIELDS =
      String.join(
          ",",
          "messages",
          "messaging_postbacks",
          "messaging_optins",
          "messaging_referrals",
          "message_deliveries",
          "message_reads",
          "message_echoes",
          "message_reactions");

  /** {@code /me/accounts} is paged: up to 100 Pages a call, at most 50 calls (5,000 Pages). */
  private static final int ACCOUNTS_PAGE_SIZE = 100;

  private static final int MAX_ACCOUNT_PAGES = 50;

  private final ConnectorContext context;
  private final Graph graph;

  MessengerSession(ConnectorContext context) {
    this.context = context;
    this.graph = new Graph(context);
  }

  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    Setup setup = context.setup();
    // The runtime hands over the schema default, but a blank value must not open a dialog that
    // asks for nothing.
    List<String> requested = setup.list(SCOPES);
    String scopes = requested.isEmpty() ? DEFAULT_SCOPES : String.join(",", requested);
    return URI.create(
        Graph.stripSlash(context.setting(DIALOG_URL))
            + "/"
            + graph.version()
            + "/dialog/oauth?client_id="
            + encode(setup.require(CLIENT_ID))
            + "&redirect_uri="
            + encode(request.redirectUri().toString())
            + "&state="
            + encode(request.state())
            + "&scope="
            + encode(scopes)
            + "&response_type=code");
  }

  @Override
  public Credentials exchange(AuthorizationCallback callback) {
    String clientId = context.setup().require(CLIENT_ID);
    String secret = context.setup().require(CLIENT_SECRET);
    JsonObject shortLived =
        graph.callTokenEndpoint(
            "the authorization code exchange",
            c ->
                c.exchangeCode(
                    graph.version(),
                    clientId,
                    callback.redirectUri().toString(),
                    secret,
                    callback.code()));
    String shortToken = requireString(shortLived, "access_token", "the code exchange");
    // Tokens from the code exchange last about an hour; the long-lived one about 60 days, and the
    // Page tokens listed with it do not expire.
    JsonObject longLived =
        graph.callTokenEndpoint(
            "the long-lived token exchange",
            c ->
                c.exchangeToken(
                    graph.version(), "fb_exchange_token", clientId, secret, shortToken));
    String userToken = requireString(longLived, "access_token", "the long-lived token exchange");
    Optional<Instant> expiresAt =
        Jsonp.number(longLived, "expires_in")
            .filter(s -> s > 0)
            .map(s -> context.clock().instant().plusSeconds(s));

    List<GrantedResource> pages = pages(userToken);
    Map<String, String> attributes = new LinkedHashMap<>(grantFacts(userToken, clientId, secret));
    attributes.put("pageCount", Integer.toString(pages.size()));
    return new Credentials(Map.of(USER_TOKEN, userToken), attributes, pages, expiresAt);
  }

  /** Every Page the person granted, following Graph's cursor, with its Page token. */
  private List<GrantedResource> pages(String userToken) {
    List<GrantedResource> pages = new ArrayList<>();
    String after = null;
    for (int call = 0; call < MAX_ACCOUNT_PAGES; call++) {
      String cursor = after;
      JsonObject answer =
          graph.call(
              "the list of Pages",
              c ->
                  c.accounts(
                      graph.version(),
                      "id,name,access_token,category,tasks",
                      ACCOUNTS_PAGE_SIZE,
                      cursor,
                      userToken));
      List<JsonValue> data = answer.get("data") instanceof JsonArray array ? array : List.of();
      for (JsonValue item : data) {
        if (item instanceof JsonObject page) {
          toResource(page)
              .filter(r -> pages.stream().noneMatch(p -> p.id().equals(r.id())))
              .ifPresent(pages::add);
        }
      }
      Optional<JsonObject> paging = Jsonp.child(answer, "paging");
      boolean more = paging.map(p -> p.containsKey("next")).orElse(false);
      after =
          paging
              .flatMap(p -> Jsonp.child(p, "cursors"))
              .flatMap(c -> Jsonp.text(c, "after"))
              .orElse(null);
      if (!more || after == null) {
        break;
      }
    }
    return pages;
  }

  private static Optional<GrantedResource> toResource(JsonObject page) {
    Optional<String> id = Jsonp.text(page, "id");
    Optional<String> token = Jsonp.text(page, "access_token");
    if (id.isEmpty() || token.isEmpty()) {
      // A Page listed without a token cannot be acted for (the person lacks a task on it).
      return Optional.empty();
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    Jsonp.text(page, "category").ifPresent(c -> attributes.put("category", c));
    if (page.get("tasks") instanceof JsonArray tasks) {
      attributes.put(
          "tasks",
          tasks.getValuesAs(JsonValue.class).stream()
              .filter(JsonString.class::isInstance)
              .map(v -> ((JsonString) v).getString())
              .collect(Collectors.joining(",")));
    }
    return Optional.of(
        new GrantedResource(
            id.get(),
            Jsonp.text(page, "name").orElse(id.get()),
            Map.of(PAGE_TOKEN, token.get()),
            attributes));
  }

  /**
   * The user id and granted scopes, from {@code debug_token}. Informational only: a failure here
   * must not throw away an authorization whose code is already spent.
   */
  private Map<String, String> grantFacts(String userToken, String clientId, String secret) {
    try {
      JsonObject data =
          Jsonp.child(
                  graph.call(
                      "the token check",
                      c -> c.debugToken(graph.version(), userToken, appToken(clientId, secret))),
                  "data")
              .orElse(JsonValue.EMPTY_JSON_OBJECT);
      Map<String, String> facts = new LinkedHashMap<>();
      Jsonp.text(data, "user_id").ifPresent(u -> facts.put("userId", u));
      if (data.get("scopes") instanceof JsonArray scopes) {
        facts.put(
            "scopes",
            scopes.getValuesAs(JsonValue.class).stream()
                .filter(JsonString.class::isInstance)
                .map(v -> ((JsonString) v).getString())
                .collect(Collectors.joining(",")));
      }
      return facts;
    } catch (ConnectorException e) {
      return Map.of();
    }
  }

  @Override
  public String onAuthorized() {
    List<GrantedResource> pages = credentials().resources();
    if (pages.isEmpty()) {
      return "No Page was granted, so no Page was subscribed to webhooks. Authorize again and"
          + " select at least one Page.";
    }
    List<String> subscribed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    ConnectorException first = null;
    for (GrantedResource page : pages) {
      try {
        subscribe(page);
        subscribed.add(page.name());
      } catch (ConnectorException e) {
        failed.add(page.name());
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new ConnectorException(
          "Could not subscribe "
              + String.join(", ", failed)
              + " to webhooks"
              + (subscribed.isEmpty() ? "" : " (subscribed: " + String.join(", ", subscribed) + ")")
              + ": "
              + first.getMessage(),
          first.providerError(),
          first);
    }
    return "Subscribed "
        + (pages.size() == 1 ? "the Page " : pages.size() + " Pages ")
        + String.join(", ", subscribed)
        + " to the app's webhooks.";
  }

  private void subscribe(GrantedResource page) {
    String token = pageToken(page);
    JsonObject answer =
        graph.call(
            "the webhook subscription of Page " + page.id(),
            c -> c.subscribeApp(graph.version(), page.id(), SUBSCRIBED_FIELDS, token));
    if (answer.get("success") != JsonValue.TRUE) {
      throw new ConnectorException(
          "Graph API did not confirm the webhook subscription of Page " + page.id(),
          ProviderError.none(),
          null);
    }
  }

  @Override
  public TestResult test() {
    Setup setup = context.setup();
    Optional<String> clientId = setup.value(CLIENT_ID);
    Optional<String> secret = setup.value(CLIENT_SECRET);
    if (clientId.isEmpty() || secret.isEmpty()) {
      return TestResult.failed("Enter the Client ID and the Client Secret first.");
    }
    String appToken = appToken(clientId.get(), secret.get());
    try {
      JsonObject app =
          Jsonp.child(
                  graph.call(
                      "the App ID and App Secret check",
                      c -> c.debugToken(graph.version(), appToken, appToken)),
                  "data")
              .orElse(JsonValue.EMPTY_JSON_OBJECT);
      if (app.get("is_valid") != JsonValue.TRUE || !Jsonp.text(app, "app_id").equals(clientId)) {
        return TestResult.failed(
            "Facebook does not accept this Client ID and Client Secret as a pair: check both under"
                + " App settings > Basic.");
      }
    } catch (AuthorizationException | CallerException e) {
      return TestResult.failed(
          "Facebook refused the Client ID and Client Secret: "
              + e.providerError().message().orElse(e.getMessage()));
    }
    Optional<Credentials> credentials = context.credentials();
    if (credentials.isEmpty()) {
      return TestResult.ok(
          "Facebook accepts the Client ID and Client Secret. Authorize the connection to check"
              + " the Page tokens.");
    }
    if (credentials.get().resources().isEmpty()) {
      return TestResult.failed(
          "Facebook accepts the Client ID and Client Secret, but no Page was granted: authorize"
              + " again and select at least one Page.");
    }
    List<String> invalid = new ArrayList<>();
    for (GrantedResource page : credentials.get().resources()) {
      Optional<String> token = page.secret(PAGE_TOKEN);
      JsonObject data =
          token.isEmpty()
              ? JsonValue.EMPTY_JSON_OBJECT
              : Jsonp.child(
                      graph.call(
                          "the Page token check",
                          c -> c.debugToken(graph.version(), token.get(), appToken)),
                      "data")
                  .orElse(JsonValue.EMPTY_JSON_OBJECT);
      if (data.get("is_valid") != JsonValue.TRUE) {
        invalid.add(page.name());
      }
    }
    if (!invalid.isEmpty()) {
      return TestResult.failed(
          "Facebook no longer accepts the token of "
              + String.join(", ", invalid)
              + ": authorize the connection again.");
    }
    int count = credentials.get().resources().size();
    return TestResult.ok(
        "Facebook accepts the Client ID and Client Secret and the token"
            + (count == 1 ? " of the Page." : "s of all " + count + " Pages."));
  }

  @Override
  public ActionResult invoke(String action, Setup input) {
    return switch (action) {
      case SEND_MESSAGE -> sendMessage(input);
      case SUBSCRIBE_PAGE -> subscribePage(input);
      default -> throw new CallerException("unknown action '" + action + "'");
    };
  }

  private ActionResult sendMessage(Setup input) {
    SendMessage message = SendMessage.from(inputFields(SEND_MESSAGE), input);
    GrantedResource page = page(input);
    String token = pageToken(page);
    String body = message.body().toString();
    JsonObject answer =
        graph.call(SEND_MESSAGE, c -> c.sendMessage(graph.version(), page.id(), token, body));
    return ActionResult.of(
        "recipientId",
        Jsonp.text(answer, "recipient_id").orElse(message.recipientId()),
        "messageId",
        requireString(answer, "message_id", SEND_MESSAGE),
        "pageId",
        page.id());
  }

  private ActionResult subscribePage(Setup input) {
    var validation =
        dev.plugboard.connector.schema.Validation.of(inputFields(SUBSCRIBE_PAGE), input);
    if (!validation.valid()) {
      throw new CallerException("invalid subscribe-page input: pageId must be a Page id (digits)");
    }
    GrantedResource page = page(input);
    subscribe(page);
    return ActionResult.of(
        "pageId",
        page.id(),
        "subscribed",
        true,
        "subscribedFields",
        List.of(SUBSCRIBED_FIELDS.split(",")));
  }

  private static List<Field> inputFields(String action) {
    return MessengerDescriptor.DESCRIPTOR.capabilities().actions().stream()
        .filter(a -> a.name().equals(action))
        .findFirst()
        .orElseThrow()
        .input();
  }

  /** The Page named by the input, or the connection's only Page. */
  private GrantedResource page(Setup input) {
    List<GrantedResource> pages = credentials().resources();
    Optional<String> pageId = input.value(PAGE_ID);
    if (pageId.isPresent()) {
      return pages.stream()
          .filter(p -> p.id().equals(pageId.get()))
          .findFirst()
          .orElseThrow(
              () ->
                  new CallerException(
                      "pageId: the connection was not authorized for Page " + pageId.get()));
    }
    if (pages.size() == 1) {
      return pages.get(0);
    }
    throw new CallerException(
        pages.isEmpty()
            ? "the connection was authorized for no Page: authorize it again and select a Page"
            : "pageId is required: the connection was authorized for "
                + pages.size()
                + " Pages ("
                + pages.stream().map(GrantedResource::id).collect(Collectors.joining(", "))
                + ")");
  }

  private Credentials credentials() {
    return context
        .credentials()
        .orElseThrow(
            () -> new AuthorizationException("the connection is not authorized yet: authorize it"));
  }

  private static String pageToken(GrantedResource page) {
    return page.secret(PAGE_TOKEN)
        .orElseThrow(
            () ->
                new AuthorizationException(
                    "no access token is stored for Page " + page.id() + ": authorize again"));
  }

  /** Graph's app access token is literally the App ID and App Secret joined by a bar. */
  private static String appToken(String clientId, String secret) {
    return clientId + "|" + secret;
  }

  private static String requireString(JsonObject answer, String key, String operation) {
    return Jsonp.text(answer, key)
        .filter(s -> !s.isBlank())
        .orElseThrow(
            () ->
                new ConnectorException(
                    "Graph API answered " + operation + " without " + key,
                    ProviderError.none(),
                    null));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
