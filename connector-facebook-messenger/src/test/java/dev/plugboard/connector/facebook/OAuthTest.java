package dev.plugboard.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.GrantedResource;
import dev.plugboard.connector.auth.AuthorizationCallback;
import dev.plugboard.connector.auth.AuthorizationRequest;
import dev.plugboard.connector.error.AuthorizationException;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.error.RateLimitException;
import dev.plugboard.connector.facebook.fake.FakeGraphApi;
import dev.plugboard.connector.facebook.fake.FakeGraphApi.FakeError;
import dev.plugboard.connector.facebook.fake.FakeGraphApi.Operation;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Facebook Login against the fake: the dialog URL, the code and token exchanges, the Pages. */
class OAuthTest {

  private static final URI REDIRECT = URI.create("https://plugboard.example/connector/callback");
  private static final String STATE = "st-8c1d2e3f4a5b6c7d";

  private final FakeGraphApi graph = FakeGraphApi.start();
  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void stop() {
    graph.close();
  }

  @Test
  void buildsTheDialogUrlFromTheSettingsAndTheSetup() {
    ConnectorSession session =
        Fixtures.CONNECTOR.open(
            Fixtures.context(graph)
                .setting("dialog-url", "https://www.facebook.test/")
                .setting("api-version", "v24.0")
                .build());

    URI url = session.authorizationUrl(new AuthorizationRequest(STATE, REDIRECT));

    assertThat(url.getScheme() + "://" + url.getAuthority() + url.getPath())
        .isEqualTo("https://www.facebook.test/v24.0/dialog/oauth");
    assertThat(query(url))
        .containsExactly(
            Map.entry("client_id", FakeGraphApi.APP_ID),
            Map.entry("redirect_uri", REDIRECT.toString()),
            Map.entry("state", STATE),
            Map.entry("scope", "pages_messaging,pages_manage_metadata,pages_show_list"),
            Map.entry("response_type", "code"));
  }

  @Test
  void encodesRedirectUriAndStateSoTheyComeBackUnchanged() {
    URI redirect = URI.create("https://plugboard.example/connector/callback?x=a%26b");
    String state = "a+b/c=d&e";

    URI url = session().authorizationUrl(new AuthorizationRequest(state, redirect));

    assertThat(query(url))
        .containsEntry("redirect_uri", redirect.toString())
        .containsEntry("state", state);
  }

  @Test
  void completesTheFlowWithALongLivedTokenAndEveryPageToken() throws Exception {
    graph.addPage("908070605040302", "Second Page").autoApprove(true);
    URI callback =
        followDialog(session().authorizationUrl(new AuthorizationRequest(STATE, REDIRECT)));
    Map<String, String> returned = query(callback);
    assertThat(returned).containsEntry("state", STATE).containsKey("code");

    Credentials credentials =
        session().exchange(new AuthorizationCallback(returned.get("code"), REDIRECT));

    String userToken = credentials.secret("userToken").orElseThrow();
    assertThat(graph.received(Operation.EXCHANGE_TOKEN))
        .singleElement()
        .satisfies(r -> assertThat(r.query()).containsEntry("grant_type", "fb_exchange_token"));
    assertThat(graph.received(Operation.ACCOUNTS).get(0).query())
        .containsEntry("access_token", userToken);
    assertThat(credentials.expiresAt())
        .contains(Fixtures.NOW.plusSeconds(FakeGraphApi.LONG_LIVED_SECONDS));
    assertThat(credentials.resources())
        .extracting(GrantedResource::id, GrantedResource::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FakeGraphApi.PAGE_ID, FakeGraphApi.PAGE_NAME),
            org.assertj.core.groups.Tuple.tuple("908070605040302", "Second Page"));
    assertThat(credentials.resource(FakeGraphApi.PAGE_ID).orElseThrow().secret("accessToken"))
        .contains(graph.pageToken(FakeGraphApi.PAGE_ID));
    assertThat(credentials.resource(FakeGraphApi.PAGE_ID).orElseThrow().attributes())
        .containsEntry("category", "Software")
        .containsKey("tasks");
    assertThat(credentials.attributes())
        .containsEntry("userId", FakeGraphApi.USER_ID)
        .containsEntry("scopes", "pages_messaging,pages_manage_metadata,pages_show_list")
        .containsEntry("pageCount", "2");
  }

  @Test
  void exchangesTheCodeWithTheSameRedirectUriAndTheSecret() {
    String code = graph.issueCode(REDIRECT.toString(), scopes());

    session().exchange(new AuthorizationCallback(code, REDIRECT));

    assertThat(graph.received(Operation.EXCHANGE_CODE))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("GET");
              assertThat(r.path()).isEqualTo("/v25.0/oauth/access_token");
              assertThat(r.query())
                  .containsEntry("client_id", FakeGraphApi.APP_ID)
                  .containsEntry("client_secret", FakeGraphApi.APP_SECRET)
                  .containsEntry("redirect_uri", REDIRECT.toString())
                  .containsEntry("code", code);
            });
  }

  @Test
  void showsAConsentPageWhoseLinksReturnWithACodeOrACancellation() throws Exception {
    URI dialog = session().authorizationUrl(new AuthorizationRequest(STATE, REDIRECT));

    HttpResponse<String> page =
        browser.send(HttpRequest.newBuilder(dialog).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body())
        .contains("href=\"" + REDIRECT + "?code=")
        .contains("&amp;state=" + STATE)
        .contains("error=access_denied");
  }

  @Test
  void refusesACodeUsedTwice() throws Exception {
    graph.autoApprove(true);
    String code =
        query(followDialog(session().authorizationUrl(new AuthorizationRequest(STATE, REDIRECT))))
            .get("code");
    session().exchange(new AuthorizationCallback(code, REDIRECT));

    assertThatThrownBy(() -> session().exchange(new AuthorizationCallback(code, REDIRECT)))
        .isInstanceOfSatisfying(
            CallerException.class,
            e -> {
              assertThat(e.providerError().code()).contains("100");
              assertThat(e.providerError().subcode()).contains("36009");
              assertThat(e.providerError().message())
                  .contains("This authorization code has been used.");
              assertThat(e.providerError().traceId()).isPresent();
            })
        .hasMessageContaining("authorization code exchange");
  }

  @Test
  void refusesAWrongClientSecretAsAnAuthorizationFailure() {
    String code = graph.issueCode(REDIRECT.toString(), scopes());
    ConnectorSession session =
        Fixtures.CONNECTOR.open(
            Fixtures.context(graph)
                .setup(Fixtures.setup().with("clientSecret", "ffffffffffffffffffffffffffffffff"))
                .build());

    assertThatThrownBy(() -> session.exchange(new AuthorizationCallback(code, REDIRECT)))
        .isInstanceOfSatisfying(
            AuthorizationException.class,
            e -> {
              assertThat(e.providerError().code()).contains("1");
              assertThat(e.providerError().message()).contains("Error validating client secret.");
            })
        .hasMessageNotContaining("ffffffffffffffffffffffffffffffff")
        .hasMessageNotContaining("client_secret=");
  }

  @Test
  void refusesARedirectUriOtherThanTheDialogs() {
    String code = graph.issueCode(REDIRECT.toString(), scopes());
    URI other = URI.create("https://plugboard.example/connector/callback/");

    assertThatThrownBy(() -> session().exchange(new AuthorizationCallback(code, other)))
        .isInstanceOfSatisfying(
            CallerException.class, e -> assertThat(e.providerError().subcode()).contains("36008"));
  }

  @Test
  void returnsToTheRedirectUriWithAccessDeniedWhenThePersonCancels() throws Exception {
    graph.denyNextDialog();

    URI callback =
        followDialog(session().authorizationUrl(new AuthorizationRequest(STATE, REDIRECT)));

    assertThat(callback.toString()).startsWith(REDIRECT + "?");
    assertThat(query(callback))
        .containsEntry("error", "access_denied")
        .containsEntry("error_reason", "user_denied")
        .containsEntry("state", STATE)
        .doesNotContainKey("code");
  }

  @Test
  void followsGraphsCursorThroughEveryPageOfPages() {
    for (int i = 0; i < 120; i++) {
      graph.addPage(Long.toString(900000000000000L + i), "Page " + i);
    }
    String code = graph.issueCode(REDIRECT.toString(), scopes());

    Credentials credentials = session().exchange(new AuthorizationCallback(code, REDIRECT));

    assertThat(credentials.resources()).hasSize(121);
    assertThat(graph.received(Operation.ACCOUNTS)).hasSize(2);
  }

  @Test
  void storesNoPageWhenThePersonManagesNone() {
    graph.removePages();
    String code = graph.issueCode(REDIRECT.toString(), scopes());

    Credentials credentials = session().exchange(new AuthorizationCallback(code, REDIRECT));

    assertThat(credentials.resources()).isEmpty();
    assertThat(
            Fixtures.CONNECTOR
                .open(Fixtures.context(graph).credentials(credentials).build())
                .onAuthorized())
        .contains("No Page was granted");
  }

  @Test
  void keepsTheAuthorizationWhenOnlyTheTokenCheckFails() {
    graph.failNext(Operation.DEBUG_TOKEN, FakeError.TRANSIENT);
    String code = graph.issueCode(REDIRECT.toString(), scopes());

    Credentials credentials = session().exchange(new AuthorizationCallback(code, REDIRECT));

    assertThat(credentials.resources()).hasSize(1);
    assertThat(credentials.attributes()).doesNotContainKey("userId");
  }

  @Test
  void reportsARateLimitWhileListingPages() {
    graph.failNext(Operation.ACCOUNTS, FakeError.RATE_LIMIT);
    String code = graph.issueCode(REDIRECT.toString(), scopes());

    assertThatThrownBy(() -> session().exchange(new AuthorizationCallback(code, REDIRECT)))
        .isInstanceOfSatisfying(
            RateLimitException.class, e -> assertThat(e.providerError().code()).contains("4"));
  }

  @Test
  void subscribesEveryPageToTheMessengerWebhookFields() {
    graph.addPage("908070605040302", "Second Page");
    ConnectorSession session =
        Fixtures.CONNECTOR.open(
            Fixtures.context(graph)
                .credentials(Fixtures.authorizedFor(graph, FakeGraphApi.PAGE_ID, "908070605040302"))
                .build());

    String summary = session.onAuthorized();

    assertThat(summary).contains("2 Pages").contains("Page 908070605040302");
    assertThat(graph.subscriptions()).containsOnlyKeys(FakeGraphApi.PAGE_ID, "908070605040302");
    assertThat(graph.subscriptions().get(FakeGraphApi.PAGE_ID))
        .contains(
            "messages",
            "messaging_postbacks",
            "message_deliveries",
            "message_reads",
            "message_echoes",
            "message_reactions");
    assertThat(graph.received(Operation.SUBSCRIBE_APP))
        .extracting(r -> r.query().get("access_token"))
        .containsExactly(graph.pageToken(FakeGraphApi.PAGE_ID), graph.pageToken("908070605040302"));
  }

  @Test
  void namesThePagesItCouldNotSubscribe() {
    graph
        .addPage("908070605040302", "Second Page")
        .failNext(Operation.SUBSCRIBE_APP, FakeError.INVALID_TOKEN);
    ConnectorSession session =
        Fixtures.CONNECTOR.open(
            Fixtures.context(graph)
                .credentials(Fixtures.authorizedFor(graph, FakeGraphApi.PAGE_ID, "908070605040302"))
                .build());

    assertThatThrownBy(session::onAuthorized)
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("Could not subscribe Page " + FakeGraphApi.PAGE_ID)
        .hasMessageContaining("subscribed: Page 908070605040302");
    assertThat(graph.subscriptions()).containsOnlyKeys("908070605040302");
  }

  private ConnectorSession session() {
    return Fixtures.CONNECTOR.open(Fixtures.context(graph).build());
  }

  private static List<String> scopes() {
    return List.of("pages_messaging", "pages_manage_metadata", "pages_show_list");
  }

  /** What a browser does: open the dialog, then follow its redirect to the callback. */
  private URI followDialog(URI dialog) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        browser.send(HttpRequest.newBuilder(dialog).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(302);
    return URI.create(answer.headers().firstValue("Location").orElseThrow());
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
