package dev.plugboard.connector.facebook.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Facebook's Login dialog and Graph API, as far as the Messenger connector
 * uses them, behaving as {@code shared/messenger/FACTS.md} describes: the OAuth dialog, the token
 * exchanges (single-use codes, exact redirect URIs, checked secrets), {@code /me/accounts}, {@code
 * debug_token}, the Send API and {@code subscribed_apps}, with Graph's error shape.
 *
 * <p>Listens on 127.0.0.1 on a free port. Starts with one app ({@link #APP_ID}/{@link
 * #APP_SECRET}), one person ({@link #USER_ID}) and one Page ({@link #PAGE_ID}) that the person
 * manages, so a test can use it as is. Any version path segment ({@code /v25.0/…}) is accepted.
 * Every request is recorded ({@link #received()}) with its tokens, for assertions; nothing is
 * logged.
 *
 * <pre>{@code
 * try (FakeGraphApi graph = FakeGraphApi.start()) {
 *   context = ConnectorContext.builder(descriptor)
 *       .setting("graph-url", graph.baseUrl()).setting("dialog-url", graph.baseUrl())...
 * }
 * }</pre>
 *
 * <p>Thread-safe; a new instance per test keeps tests independent.
 */
public final class FakeGraphApi implements AutoCloseable {

  /** The App ID of the app registered from the start. */
  public static final String APP_ID = "1234567890123456";

  /** The App Secret of {@link #APP_ID}. Not a real secret. */
  public static final String APP_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

  /** The person who signs in through the dialog. */
  public static final String USER_ID = "10000000000001";

  /** The Page the person manages from the start. */
  public static final String PAGE_ID = "102030405060708";

  /** The name of {@link #PAGE_ID}. */
  public static final String PAGE_NAME = "Plugboard Test Page";

  /** How long a long-lived user token lives, in seconds (60 days). */
  public static final long LONG_LIVED_SECONDS = 5_184_000;

  /** How long the token from a code exchange lives, in seconds, as in Meta's documented sample. */
  public static final long CODE_TOKEN_SECONDS = 5_183_944;

  /** The operations the fake serves, to aim failures at and to find recorded requests by. */
  public enum Operation {
    /** {@code GET /{version}/dialog/oauth} */
    DIALOG,
    /** {@code GET /{version}/oauth/access_token} with a code */
    EXCHANGE_CODE,
    /** {@code GET /{version}/oauth/access_token} with {@code grant_type=fb_exchange_token} */
    EXCHANGE_TOKEN,
    /** {@code GET /{version}/me/accounts} */
    ACCOUNTS,
    /** {@code GET /{version}/debug_token} */
    DEBUG_TOKEN,
    /** {@code POST /{version}/{page-id}/messages} */
    SEND_MESSAGE,
    /** {@code POST /{version}/{page-id}/subscribed_apps} */
    SUBSCRIBE_APP,
    /** Any other path: answered with Graph's unknown-path error. */
    OTHER
  }

  /** Errors the fake can be told to answer the next call of an operation with. */
  public enum FakeError {
    /** Application-level rate limit. */
    RATE_LIMIT(400, 4, 0, "(#4) Application request limit reached", false),
    /** Custom rate limit, e.g. the Send API's per-Page limit. */
    PAGE_RATE_LIMIT(400, 613, 0, "(#613) Calls to this api have exceeded the rate limit.", false),
    /** The token was invalidated (e.g. the person changed their password). */
    INVALID_TOKEN(
        400,
        190,
        460,
        "Error validating access token: The session has been invalidated because the user changed"
            + " their password or Facebook has changed the session for security reasons.",
        false),
    /** Graph's "unexpected error", worth retrying. */
    TRANSIENT(
        500, 2, 0, "An unexpected error has occurred. Please retry your request later.", true),
    /** The person last wrote more than 24 hours ago. */
    OUTSIDE_WINDOW(
        400,
        10,
        2018278,
        "(#10) This message is sent outside of allowed window. Learn more about the new policy"
            + " here",
        false),
    /** The recipient is unknown to the Page. */
    NO_MATCHING_USER(400, 100, 2018001, "(#100) No matching user found", false);

    final int status;
    final int code;
    final int subcode;
    final String message;
    final boolean isTransient;

    FakeError(int status, int code, int subcode, String message, boolean isTransient) {
      this.status = status;
      this.code = code;
      this.subcode = subcode;
      this.message = message;
      this.isTransient = isTransient;
    }
  }

  /**
   * One request as received.
   *
   * @param operation what the fake took it for
   * @param method the HTTP method
   * @param path the decoded path
   * @param query the decoded query parameters (first value of each), with form parameters of a
   *     form-encoded body merged in
   * @param body the body as text
   */
  public record Received(
      Operation operation, String method, String path, Map<String, String> query, String body) {}

  /**
   * A message accepted by the Send API.
   *
   * @param pageId the sending Page
   * @param recipientId the recipient's PSID
   * @param messagingType RESPONSE, UPDATE or MESSAGE_TAG
   * @param text the text
   * @param tag the message tag, if any
   * @param messageId the id the fake answered with
   */
  public record SentMessage(
      String pageId,
      String recipientId,
      String messagingType,
      String text,
      Optional<String> tag,
      String messageId) {}

  private record Page(String id, String name, String category) {}

  private record Code(String appId, String redirectUri, List<String> scopes) {}

  private record UserToken(String appId, List<String> scopes, boolean longLived) {}

  private record PageToken(String appId, String pageId) {}

  private static final Pattern VERSIONED = Pattern.compile("/(v\\d+\\.\\d+)(/.*)");
  private static final Pattern PAGE_EDGE = Pattern.compile("/(\\d+)/(messages|subscribed_apps)");
  private static final Set<String> MESSAGING_TYPES = Set.of("RESPONSE", "UPDATE", "MESSAGE_TAG");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final ExecutorService executor;

  // Guarded by this.
  private final Map<String, String> apps = new LinkedHashMap<>();
  private final Map<String, Page> pages = new LinkedHashMap<>();
  private final Map<String, Code> codes = new HashMap<>();
  private final Set<String> usedCodes = new HashSet<>();
  private final Map<String, UserToken> userTokens = new HashMap<>();
  private final Map<String, PageToken> pageTokens = new HashMap<>();
  private final Map<String, String> pageTokenByAppAndPage = new HashMap<>();
  private final Set<String> revoked = new HashSet<>();
  private final Map<Operation, Deque<FakeError>> failures = new EnumMap<>(Operation.class);
  private final List<Received> received = new ArrayList<>();
  private final List<SentMessage> sent = new ArrayList<>();
  private final Map<String, List<String>> subscriptions = new LinkedHashMap<>();
  private boolean autoApprove;
  private boolean denyNextDialog;

  private FakeGraphApi(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "fake-graph-api");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    apps.put(APP_ID, APP_SECRET);
    pages.put(PAGE_ID, new Page(PAGE_ID, PAGE_NAME, "Software"));
  }

  /**
   * Starts a fake on a free loopback port.
   *
   * @return the running fake; close it after the test
   */
  public static FakeGraphApi start() {
    return start(0);
  }

  /**
   * Starts a fake on the given loopback port.
   *
   * @param port the port, or 0 for a free one
   * @return the running fake
   */
  public static FakeGraphApi start(int port) {
    try {
      FakeGraphApi fake = new FakeGraphApi(port);
      fake.server.start();
      return fake;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Graph API on port " + port, e);
    }
  }

  /**
   * @return e.g. {@code http://127.0.0.1:40123}: the value for both the {@code graph-url} and the
   *     {@code dialog-url} settings
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Registers another app.
   *
   * @param appId its App ID
   * @param appSecret its App Secret
   * @return this fake
   */
  public synchronized FakeGraphApi registerApp(String appId, String appSecret) {
    apps.put(appId, appSecret);
    return this;
  }

  /**
   * Adds a Page the person manages.
   *
   * @param id the Page id (digits)
   * @param name its name
   * @return this fake
   */
  public synchronized FakeGraphApi addPage(String id, String name) {
    pages.put(id, new Page(id, name, "Local Business"));
    return this;
  }

  /**
   * Removes every Page, so the person manages none.
   *
   * @return this fake
   */
  public synchronized FakeGraphApi removePages() {
    pages.clear();
    return this;
  }

  /**
   * Makes the dialog redirect straight back (HTTP 302) instead of showing its consent page.
   *
   * @param autoApprove whether to skip the consent page
   * @return this fake
   */
  public synchronized FakeGraphApi autoApprove(boolean autoApprove) {
    this.autoApprove = autoApprove;
    return this;
  }

  /**
   * Makes the next dialog redirect back with {@code error=access_denied}, as when the person
   * cancels.
   *
   * @return this fake
   */
  public synchronized FakeGraphApi denyNextDialog() {
    this.denyNextDialog = true;
    return this;
  }

  /**
   * Makes the next call of an operation fail with the given error; calls queue up.
   *
   * @param operation the operation to fail
   * @param error the error to answer with
   * @return this fake
   */
  public synchronized FakeGraphApi failNext(Operation operation, FakeError error) {
    failures.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(error);
    return this;
  }

  /**
   * Invalidates every user and Page token issued so far, as a password change does.
   *
   * @return this fake
   */
  public synchronized FakeGraphApi invalidateTokens() {
    revoked.addAll(userTokens.keySet());
    revoked.addAll(pageTokens.keySet());
    return this;
  }

  /**
   * Forgets what earlier tests set up: back to the one Page {@link #PAGE_ID}, no queued failures,
   * the consent page shown, no denial pending, requests and sent messages forgotten. Apps, codes
   * and tokens issued so far stay valid. For a fake shared by the tests of a class (e.g. one a
   * server under test was started against), called before each test.
   *
   * @return this fake
   */
  public synchronized FakeGraphApi reset() {
    pages.clear();
    pages.put(PAGE_ID, new Page(PAGE_ID, PAGE_NAME, "Software"));
    failures.clear();
    autoApprove = false;
    denyNextDialog = false;
    received.clear();
    sent.clear();
    subscriptions.clear();
    return this;
  }

  /**
   * Lets a test skip the dialog: a code for the default app, as the dialog would give it.
   *
   * @param redirectUri the redirect URI the dialog was opened with
   * @param scopes the granted permissions
   * @return a fresh, single-use authorization code
   */
  public synchronized String issueCode(String redirectUri, List<String> scopes) {
    String code = "AQ" + random(48);
    codes.put(code, new Code(APP_ID, redirectUri, List.copyOf(scopes)));
    return code;
  }

  /**
   * The Page token the fake hands out for a Page of the default app (issued on first use).
   *
   * @param pageId a Page id
   * @return its token
   */
  public synchronized String pageToken(String pageId) {
    return pageTokenFor(APP_ID, pageId);
  }

  /**
   * @return every request received, oldest first
   */
  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /**
   * @param operation an operation
   * @return the requests received for it, oldest first
   */
  public synchronized List<Received> received(Operation operation) {
    return received.stream().filter(r -> r.operation() == operation).toList();
  }

  /**
   * @return the messages the Send API accepted, oldest first
   */
  public synchronized List<SentMessage> sentMessages() {
    return List.copyOf(sent);
  }

  /**
   * @return the webhook fields each Page was subscribed to, by Page id
   */
  public synchronized Map<String, List<String>> subscriptions() {
    return Map.copyOf(subscriptions);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> params = parse(exchange.getRequestURI().getRawQuery());
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
        parse(body).forEach(params::putIfAbsent);
      }
      Matcher versioned = VERSIONED.matcher(path);
      String rest = versioned.matches() ? versioned.group(2) : path;
      Operation operation = operation(method, rest);
      if (operation == Operation.EXCHANGE_CODE
          && "fb_exchange_token".equals(params.get("grant_type"))) {
        operation = Operation.EXCHANGE_TOKEN;
      }
      Answer answer;
      synchronized (this) {
        received.add(new Received(operation, method, path, Map.copyOf(params), body));
        FakeError failure = nextFailure(operation);
        if (failure != null) {
          answer =
              error(
                  failure.status,
                  failure.code,
                  failure.subcode,
                  failure.message,
                  failure.isTransient);
        } else {
          answer = answer(operation, rest, params, body);
        }
      }
      answer.send(exchange);
    }
  }

  private static Operation operation(String method, String rest) {
    boolean get = method.equals("GET");
    if (get && rest.equals("/dialog/oauth")) {
      return Operation.DIALOG;
    }
    if (rest.equals("/oauth/access_token")) {
      return Operation.EXCHANGE_CODE;
    }
    if (get && rest.equals("/me/accounts")) {
      return Operation.ACCOUNTS;
    }
    if (get && rest.equals("/debug_token")) {
      return Operation.DEBUG_TOKEN;
    }
    Matcher edge = PAGE_EDGE.matcher(rest);
    if (method.equals("POST") && edge.matches()) {
      return edge.group(2).equals("messages") ? Operation.SEND_MESSAGE : Operation.SUBSCRIBE_APP;
    }
    return Operation.OTHER;
  }

  private FakeError nextFailure(Operation operation) {
    Deque<FakeError> queue = failures.get(operation);
    return queue == null ? null : queue.poll();
  }

  private Answer answer(Operation operation, String rest, Map<String, String> params, String body) {
    return switch (operation) {
      case DIALOG -> dialog(params);
      case EXCHANGE_CODE -> exchangeCode(params);
      case EXCHANGE_TOKEN -> exchangeToken(params);
      case ACCOUNTS -> accounts(params);
      case DEBUG_TOKEN -> debugToken(params);
      case SEND_MESSAGE -> sendMessage(pageIdOf(rest), params, body);
      case SUBSCRIBE_APP -> subscribeApp(pageIdOf(rest), params);
      case OTHER -> error(400, 2500, 0, "Unknown path components: " + rest, false);
    };
  }

  private Answer dialog(Map<String, String> params) {
    String appId = params.get("client_id");
    String redirectUri = params.get("redirect_uri");
    String state = params.getOrDefault("state", "");
    if (appId == null || !apps.containsKey(appId)) {
      return html(
          400,
          "<h1>Invalid App ID</h1><p>The provided app ID does not look like a valid app ID.</p>");
    }
    if (redirectUri == null || !URI.create(redirectUri).isAbsolute()) {
      return html(400, "<h1>URL blocked</h1><p>The redirect_uri is missing or not absolute.</p>");
    }
    if (params.containsKey("response_type") && !params.get("response_type").equals("code")) {
      return html(400, "<h1>Unsupported response_type</h1>");
    }
    String denied =
        withQuery(
            redirectUri,
            "error=access_denied&error_code=200&error_description="
                + encode("Permissions error")
                + "&error_reason=user_denied&state="
                + encode(state));
    if (denyNextDialog) {
      denyNextDialog = false;
      return redirect(denied);
    }
    List<String> scopes =
        List.of(params.getOrDefault("scope", "").split("[, ]+")).stream()
            .filter(s -> !s.isEmpty())
            .toList();
    String code = "AQ" + random(48);
    codes.put(code, new Code(appId, redirectUri, scopes));
    String approved = withQuery(redirectUri, "code=" + encode(code) + "&state=" + encode(state));
    if (autoApprove) {
      return redirect(approved);
    }
    return html(
        200,
        "<h1>Log in with Facebook (fake)</h1>"
            + "<p>App "
            + escape(appId)
            + " asks for: "
            + escape(String.join(", ", scopes))
            + "</p><p><a id=\"continue\" href=\""
            + escape(approved)
            + "\">Continue as Pat Tester</a></p><p><a id=\"cancel\" href=\""
            + escape(denied)
            + "\">Cancel</a></p>");
  }

  private Answer exchangeCode(Map<String, String> params) {
    Optional<Answer> appError = checkApp(params);
    if (appError.isPresent()) {
      return appError.get();
    }
    String code = params.get("code");
    if (code == null || code.isEmpty()) {
      return error(400, 100, 0, "Missing authorization code", false);
    }
    Code grant = codes.get(code);
    if (grant == null || !grant.appId().equals(params.get("client_id"))) {
      return error(400, 100, 36007, "Invalid verification code format.", false);
    }
    if (usedCodes.contains(code)) {
      return error(400, 100, 36009, "This authorization code has been used.", false);
    }
    if (!grant.redirectUri().equals(params.get("redirect_uri"))) {
      return error(
          400,
          100,
          36008,
          "Error validating verification code. Please make sure your redirect_uri is identical to"
              + " the one you used in the OAuth dialog request",
          false);
    }
    usedCodes.add(code);
    String token = "EAA" + random(40);
    userTokens.put(token, new UserToken(grant.appId(), grant.scopes(), false));
    return json(
        200,
        Json.createObjectBuilder()
            .add("access_token", token)
            .add("token_type", "bearer")
            .add("expires_in", CODE_TOKEN_SECONDS)
            .build());
  }

  private Answer exchangeToken(Map<String, String> params) {
    Optional<Answer> appError = checkApp(params);
    if (appError.isPresent()) {
      return appError.get();
    }
    String old = params.getOrDefault("fb_exchange_token", "");
    UserToken user = userTokens.get(old);
    if (user == null || revoked.contains(old) || !user.appId().equals(params.get("client_id"))) {
      return error(400, 190, 0, "Invalid OAuth access token.", false);
    }
    String token = "EAA" + random(60);
    userTokens.put(token, new UserToken(user.appId(), user.scopes(), true));
    return json(
        200,
        Json.createObjectBuilder()
            .add("access_token", token)
            .add("token_type", "bearer")
            .add("expires_in", LONG_LIVED_SECONDS)
            .build());
  }

  /** Graph checks the app, then its secret, before looking at the code or token. */
  private Optional<Answer> checkApp(Map<String, String> params) {
    String secret = apps.get(params.getOrDefault("client_id", ""));
    if (secret == null) {
      return Optional.of(
          error(400, 101, 0, "Error validating application. Invalid application ID.", false));
    }
    if (!secret.equals(params.get("client_secret"))) {
      return Optional.of(error(400, 1, 0, "Error validating client secret.", false));
    }
    return Optional.empty();
  }

  private Answer accounts(Map<String, String> params) {
    String token = params.getOrDefault("access_token", "");
    UserToken user = userTokens.get(token);
    if (user == null || revoked.contains(token)) {
      return error(400, 190, 0, "Invalid OAuth access token - Cannot parse access token", false);
    }
    if (!user.scopes().contains("pages_show_list")) {
      return error(
          400, 200, 0, "(#200) Requires pages_show_list permission to manage the object", false);
    }
    List<Page> all = new ArrayList<>(pages.values());
    int limit = parseInt(params.get("limit"), 25);
    int from = params.containsKey("after") ? parseInt(decodeCursor(params.get("after")), 0) : 0;
    int to = Math.min(all.size(), from + Math.max(1, limit));
    JsonArrayBuilder data = Json.createArrayBuilder();
    for (Page page : all.subList(Math.min(from, all.size()), to)) {
      data.add(
          Json.createObjectBuilder()
              .add("access_token", pageTokenFor(user.appId(), page.id()))
              .add("category", page.category())
              .add(
                  "category_list",
                  Json.createArrayBuilder()
                      .add(
                          Json.createObjectBuilder()
                              .add("id", "2201")
                              .add("name", page.category())))
              .add("name", page.name())
              .add("id", page.id())
              .add(
                  "tasks",
                  Json.createArrayBuilder()
                      .add("ADVERTISE")
                      .add("ANALYZE")
                      .add("CREATE_CONTENT")
                      .add("MESSAGING")
                      .add("MODERATE")
                      .add("MANAGE")));
    }
    JsonObjectBuilder paging =
        Json.createObjectBuilder()
            .add(
                "cursors",
                Json.createObjectBuilder()
                    .add("before", cursor(from))
                    .add("after", cursor(Math.max(from, to - 1) + 1)));
    if (to < all.size()) {
      paging.add("next", baseUrl() + "/v25.0/me/accounts?limit=" + limit + "&after=" + cursor(to));
    }
    return json(200, Json.createObjectBuilder().add("data", data).add("paging", paging).build());
  }

  private Answer debugToken(Map<String, String> params) {
    String access = params.getOrDefault("access_token", "");
    if (!isAppToken(access) && !isValidUserToken(access)) {
      return error(400, 190, 0, "Invalid OAuth access token signature.", false);
    }
    String input = params.getOrDefault("input_token", "");
    JsonObjectBuilder data = Json.createObjectBuilder();
    if (isAppToken(input)) {
      String appId = input.substring(0, input.indexOf('|'));
      data.add("app_id", appId).add("type", "APP").add("application", "Plugboard Fake App");
      data.add("is_valid", true);
    } else if (userTokens.containsKey(input)) {
      UserToken user = userTokens.get(input);
      data.add("app_id", user.appId())
          .add("type", "USER")
          .add("application", "Plugboard Fake App")
          .add("expires_at", System.currentTimeMillis() / 1000 + LONG_LIVED_SECONDS)
          .add("is_valid", !revoked.contains(input))
          .add("issued_at", System.currentTimeMillis() / 1000)
          .add("scopes", strings(user.scopes()))
          .add("user_id", USER_ID);
    } else if (pageTokens.containsKey(input)) {
      PageToken page = pageTokens.get(input);
      data.add("app_id", page.appId())
          .add("type", "PAGE")
          .add("application", "Plugboard Fake App")
          .add("expires_at", 0)
          .add("is_valid", !revoked.contains(input))
          .add("profile_id", page.pageId())
          .add("user_id", USER_ID);
    } else {
      data.add(
              "error",
              Json.createObjectBuilder()
                  .add("code", 190)
                  .add("message", "Invalid OAuth access token."))
          .add("is_valid", false)
          .add("scopes", Json.createArrayBuilder());
    }
    return json(200, Json.createObjectBuilder().add("data", data).build());
  }

  private Answer sendMessage(String pageId, Map<String, String> params, String body) {
    Optional<Answer> tokenError = checkPageToken(pageId, params);
    if (tokenError.isPresent()) {
      return tokenError.get();
    }
    JsonObject request;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      request = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      return error(400, 100, 0, "(#100) param recipient must be non-empty.", false);
    }
    String recipient =
        request.getJsonObject("recipient") == null
            ? null
            : request.getJsonObject("recipient").getString("id", null);
    if (recipient == null || recipient.isEmpty()) {
      return error(400, 100, 0, "(#100) The parameter recipient is required", false);
    }
    JsonObject message = request.getJsonObject("message");
    String text = message == null ? null : message.getString("text", null);
    if (text == null || text.isEmpty()) {
      return error(400, 100, 0, "(#100) param message must be non-empty.", false);
    }
    if (text.codePointCount(0, text.length()) > 2000) {
      return error(
          400,
          100,
          0,
          "(#100) Length of param message[text] must be less than or equal to 2000",
          false);
    }
    String type = request.getString("messaging_type", "RESPONSE");
    if (!MESSAGING_TYPES.contains(type)) {
      return error(
          400,
          100,
          0,
          "(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}",
          false);
    }
    Optional<String> tag = Optional.ofNullable(request.getString("tag", null));
    if (type.equals("MESSAGE_TAG") && tag.isEmpty()) {
      return error(
          400, 100, 0, "(#100) Param tag is required for messaging_type MESSAGE_TAG", false);
    }
    String messageId = "m_" + random(43);
    sent.add(new SentMessage(pageId, recipient, type, text, tag, messageId));
    return json(
        200,
        Json.createObjectBuilder()
            .add("recipient_id", recipient)
            .add("message_id", messageId)
            .build());
  }

  private Answer subscribeApp(String pageId, Map<String, String> params) {
    Optional<Answer> tokenError = checkPageToken(pageId, params);
    if (tokenError.isPresent()) {
      return tokenError.get();
    }
    String fields = params.get("subscribed_fields");
    if (fields == null || fields.isBlank()) {
      return error(400, 100, 0, "(#100) The parameter subscribed_fields is required", false);
    }
    subscriptions.put(pageId, List.of(fields.split(",")));
    return json(200, Json.createObjectBuilder().add("success", true).build());
  }

  private Optional<Answer> checkPageToken(String pageId, Map<String, String> params) {
    String token = params.getOrDefault("access_token", "");
    PageToken page = pageTokens.get(token);
    if (page == null || revoked.contains(token)) {
      return Optional.of(
          error(400, 190, 0, "Invalid OAuth access token - Cannot parse access token", false));
    }
    if (!page.pageId().equals(pageId)) {
      return Optional.of(
          error(400, 200, 0, "(#200) The Page access token does not belong to this Page", false));
    }
    return Optional.empty();
  }

  private String pageTokenFor(String appId, String pageId) {
    return pageTokenByAppAndPage.computeIfAbsent(
        appId + "/" + pageId,
        k -> {
          String token = "EAAP" + random(60);
          pageTokens.put(token, new PageToken(appId, pageId));
          return token;
        });
  }

  private boolean isAppToken(String token) {
    int bar = token.indexOf('|');
    return bar > 0 && token.substring(bar + 1).equals(apps.get(token.substring(0, bar)));
  }

  private boolean isValidUserToken(String token) {
    return userTokens.containsKey(token) && !revoked.contains(token);
  }

  private static String pageIdOf(String rest) {
    Matcher edge = PAGE_EDGE.matcher(rest);
    return edge.matches() ? edge.group(1) : "";
  }

  // ---------------------------------------------------------------------------------------------

  /** An HTTP answer. */
  private record Answer(int status, String contentType, String body, Optional<String> location) {
    void send(HttpExchange exchange) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", contentType);
      location.ifPresent(l -> exchange.getResponseHeaders().add("Location", l));
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private static Answer json(int status, JsonObject body) {
    return new Answer(status, "application/json; charset=UTF-8", body.toString(), Optional.empty());
  }

  private static Answer html(int status, String body) {
    return new Answer(
        status,
        "text/html; charset=UTF-8",
        "<!doctype html><html><head><title>Facebook (fake)</title></head><body>"
            + body
            + "</body></html>",
        Optional.empty());
  }

  private static Answer redirect(String location) {
    return new Answer(302, "text/plain; charset=UTF-8", "", Optional.of(location));
  }

  private static Answer error(
      int status, int code, int subcode, String message, boolean isTransient) {
    JsonObjectBuilder error =
        Json.createObjectBuilder()
            .add("message", message)
            .add(
                "type",
                code == 190 || code == 1 || code == 100 ? "OAuthException" : "GraphMethodException")
            .add("code", code);
    if (subcode != 0) {
      error.add("error_subcode", subcode);
    }
    if (isTransient) {
      error.add("is_transient", true);
    }
    error.add("fbtrace_id", "A" + random(10));
    return json(status, Json.createObjectBuilder().add("error", error).build());
  }

  private static JsonArrayBuilder strings(List<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }

  private static Map<String, String> parse(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(key, value);
    }
    return params;
  }

  private static String withQuery(String uri, String query) {
    return uri + (uri.contains("?") ? "&" : "?") + query;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static String cursor(int index) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Integer.toString(index).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "0";
    }
  }

  private static int parseInt(String value, int fallback) {
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String random(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /**
   * Runs the fake on its own for demos: {@code FAKE_GRAPH_PORT} or the first argument chooses the
   * port (default: a free one). The dialog shows a consent page with Continue and Cancel links.
   *
   * @param args an optional port
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("FAKE_GRAPH_PORT", "0");
    FakeGraphApi fake = start(Integer.parseInt(port.strip()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  fake.close();
                  stopped.countDown();
                }));
    System.out.println("Fake Graph API and Facebook Login dialog on " + fake.baseUrl());
    System.out.println("  App ID (Client ID):         " + APP_ID);
    System.out.println("  App Secret (Client Secret): " + APP_SECRET);
    System.out.println("  Page: " + PAGE_NAME + " (" + PAGE_ID + ")");
    System.out.println(
        "Point Plugboard at it with PLUGBOARD_FACEBOOK_GRAPH_URL="
            + fake.baseUrl()
            + " PLUGBOARD_FACEBOOK_DIALOG_URL="
            + fake.baseUrl());
    stopped.await();
  }
}
