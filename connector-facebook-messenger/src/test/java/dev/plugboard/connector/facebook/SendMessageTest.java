package dev.plugboard.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.action.ActionResult;
import dev.plugboard.connector.error.AuthorizationException;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.error.RateLimitException;
import dev.plugboard.connector.error.TransientException;
import dev.plugboard.connector.facebook.fake.FakeGraphApi;
import dev.plugboard.connector.facebook.fake.FakeGraphApi.FakeError;
import dev.plugboard.connector.facebook.fake.FakeGraphApi.Operation;
import dev.plugboard.connector.facebook.fake.FakeGraphApi.SentMessage;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The send-message and subscribe-page actions: input checks, the Send API and its errors. */
class SendMessageTest {

  private static final String SECOND_PAGE = "908070605040302";

  private final FakeGraphApi graph = FakeGraphApi.start().addPage(SECOND_PAGE, "Second Page");

  @AfterEach
  void stop() {
    graph.close();
  }

  @Test
  void acceptsARecipientAndAText() {
    assertThat(validate(Setup.of("recipientId", Fixtures.PSID, "text", "Hello")).valid()).isTrue();
  }

  @Test
  void acceptsTwoThousandCharactersCountingAnEmojiAsOne() {
    String text = "\ud83d\ude00".repeat(1000) + "x".repeat(1000);

    assertThat(validate(Setup.of("recipientId", Fixtures.PSID, "text", text)).valid()).isTrue();
  }

  @Test
  void refusesMoreThanTwoThousandCharacters() {
    Validation validation =
        validate(Setup.of("recipientId", Fixtures.PSID, "text", "x".repeat(2001)));

    assertThat(validation.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("text");
              assertThat(e.message()).contains("2000");
            });
  }

  @Test
  void acceptsATextOfSeveralLines() {
    assertThat(
            validate(Setup.of("recipientId", Fixtures.PSID, "text", "Hello,\nsee you\r\nsoon"))
                .valid())
        .isTrue();
  }

  @Test
  void requiresARecipientAndAText() {
    assertThat(validate(Setup.empty()).errors())
        .extracting(Validation.FieldError::field)
        .containsExactly("recipientId", "text");
  }

  @Test
  void refusesARecipientThatIsNotAPsid() {
    assertThat(validate(Setup.of("recipientId", "+33 6 12", "text", "Hi")).errors())
        .extracting(Validation.FieldError::field)
        .containsExactly("recipientId");
  }

  @Test
  void refusesAnUnknownMessagingType() {
    assertThat(validate(input().with("messagingType", "NON_PROMOTIONAL_SUBSCRIPTION")).errors())
        .extracting(Validation.FieldError::field)
        .containsExactly("messagingType");
  }

  @Test
  void requiresATagWithMessageTagAndOnlyThen() {
    assertThat(validate(input().with("messagingType", "MESSAGE_TAG")).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("tag"));
    assertThat(validate(input().with("tag", "HUMAN_AGENT")).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("only used"));
    assertThat(
            validate(input().with("messagingType", "MESSAGE_TAG").with("tag", "HUMAN_AGENT"))
                .valid())
        .isTrue();
    assertThat(
            validate(input().with("messagingType", "MESSAGE_TAG").with("tag", "ANY_TAG")).errors())
        .extracting(Validation.FieldError::field)
        .containsExactly("tag");
  }

  @Test
  void refusesInvalidInputBeforeCallingGraph() {
    assertThatThrownBy(
            () ->
                session(FakeGraphApi.PAGE_ID)
                    .invoke("send-message", Setup.of("recipientId", "abc")))
        .isInstanceOf(CallerException.class)
        .hasMessageContaining("recipientId")
        .hasMessageContaining("text");
    assertThat(graph.received()).isEmpty();
  }

  @Test
  void sendsFromTheOnlyPageWithItsToken() {
    ActionResult result = session(FakeGraphApi.PAGE_ID).invoke("send-message", input());

    SentMessage sent = graph.sentMessages().get(0);
    assertThat(sent.pageId()).isEqualTo(FakeGraphApi.PAGE_ID);
    assertThat(sent.recipientId()).isEqualTo(Fixtures.PSID);
    assertThat(sent.messagingType()).isEqualTo("RESPONSE");
    assertThat(sent.text()).isEqualTo("Hello there");
    assertThat(result.output())
        .containsEntry("recipientId", Fixtures.PSID)
        .containsEntry("messageId", sent.messageId())
        .containsEntry("pageId", FakeGraphApi.PAGE_ID);
    assertThat(graph.received(Operation.SEND_MESSAGE))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path()).isEqualTo("/v25.0/" + FakeGraphApi.PAGE_ID + "/messages");
              assertThat(r.query())
                  .containsEntry("access_token", graph.pageToken(FakeGraphApi.PAGE_ID));
            });
  }

  @Test
  void sendsTextWithLinesAndNonAsciiCharactersIntact() {
    String text = "Caf\u00e9 \ud83d\ude00\n\"quoted\" \\ https://example.com/a";

    session(FakeGraphApi.PAGE_ID).invoke("send-message", input().with("text", text));

    assertThat(graph.sentMessages().get(0).text()).isEqualTo(text);
  }

  @Test
  void sendsATaggedMessage() {
    session(FakeGraphApi.PAGE_ID)
        .invoke(
            "send-message",
            input().with("messagingType", "MESSAGE_TAG").with("tag", "HUMAN_AGENT"));

    SentMessage sent = graph.sentMessages().get(0);
    assertThat(sent.messagingType()).isEqualTo("MESSAGE_TAG");
    assertThat(sent.tag()).isEqualTo(Optional.of("HUMAN_AGENT"));
  }

  @Test
  void requiresAPageIdWhenTheConnectionHasSeveralPages() {
    ConnectorSession session = session(FakeGraphApi.PAGE_ID, SECOND_PAGE);

    assertThatThrownBy(() -> session.invoke("send-message", input()))
        .isInstanceOf(CallerException.class)
        .hasMessageContaining("pageId");

    session.invoke("send-message", input().with("pageId", SECOND_PAGE));
    assertThat(graph.sentMessages()).extracting(SentMessage::pageId).containsExactly(SECOND_PAGE);
  }

  @Test
  void refusesAPageTheConnectionWasNotAuthorizedFor() {
    assertThatThrownBy(
            () ->
                session(FakeGraphApi.PAGE_ID)
                    .invoke("send-message", input().with("pageId", SECOND_PAGE)))
        .isInstanceOf(CallerException.class)
        .hasMessageContaining(SECOND_PAGE);
    assertThat(graph.received()).isEmpty();
  }

  @Test
  void needsAnAuthorizedConnection() {
    ConnectorSession session = Fixtures.CONNECTOR.open(Fixtures.context(graph).build());

    assertThatThrownBy(() -> session.invoke("send-message", input()))
        .isInstanceOf(AuthorizationException.class);
  }

  @Test
  void reportsRateLimitsWithGraphsCode() {
    graph
        .failNext(Operation.SEND_MESSAGE, FakeError.RATE_LIMIT)
        .failNext(Operation.SEND_MESSAGE, FakeError.PAGE_RATE_LIMIT);

    assertThatThrownBy(() -> session(FakeGraphApi.PAGE_ID).invoke("send-message", input()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.providerError().code()).contains("4");
              assertThat(e.retryAfter()).isEmpty();
            });
    assertThatThrownBy(() -> session(FakeGraphApi.PAGE_ID).invoke("send-message", input()))
        .isInstanceOfSatisfying(
            RateLimitException.class, e -> assertThat(e.providerError().code()).contains("613"));
  }

  @Test
  void reportsAnInvalidTokenAsAnAuthorizationFailureKeepingWhatGraphSaid() {
    graph.failNext(Operation.SEND_MESSAGE, FakeError.INVALID_TOKEN);

    assertThatThrownBy(() -> session(FakeGraphApi.PAGE_ID).invoke("send-message", input()))
        .isInstanceOfSatisfying(
            AuthorizationException.class,
            e -> {
              assertThat(e.providerError().code()).contains("190");
              assertThat(e.providerError().subcode()).contains("460");
              assertThat(e.providerError().type()).contains("OAuthException");
              assertThat(e.providerError().message())
                  .hasValueSatisfying(m -> assertThat(m).contains("session has been invalidated"));
              assertThat(e.providerError().traceId()).isPresent();
              assertThat(e.getMessage())
                  .contains("190")
                  .doesNotContain(graph.pageToken(FakeGraphApi.PAGE_ID))
                  .doesNotContain("access_token")
                  .doesNotContain("127.0.0.1");
            });
  }

  @Test
  void reportsARevokedTokenAsAnAuthorizationFailure() {
    ConnectorSession session = session(FakeGraphApi.PAGE_ID);
    graph.invalidateTokens();

    assertThatThrownBy(() -> session.invoke("send-message", input()))
        .isInstanceOf(AuthorizationException.class);
  }

  @Test
  void reportsGraphsUnexpectedErrorAsTransient() {
    graph.failNext(Operation.SEND_MESSAGE, FakeError.TRANSIENT);

    assertThatThrownBy(() -> session(FakeGraphApi.PAGE_ID).invoke("send-message", input()))
        .isInstanceOfSatisfying(
            TransientException.class, e -> assertThat(e.providerError().code()).contains("2"));
  }

  @Test
  void reportsAMessageOutsideTheWindowAsTheCallersToFix() {
    graph.failNext(Operation.SEND_MESSAGE, FakeError.OUTSIDE_WINDOW);

    assertThatThrownBy(() -> session(FakeGraphApi.PAGE_ID).invoke("send-message", input()))
        .isInstanceOfSatisfying(
            CallerException.class,
            e -> {
              assertThat(e.providerError().code()).contains("10");
              assertThat(e.providerError().subcode()).contains("2018278");
            });
  }

  @Test
  void reportsAnUnknownRecipientAsTheCallersToFix() {
    graph.failNext(Operation.SEND_MESSAGE, FakeError.NO_MATCHING_USER);

    assertThatThrownBy(() -> session(FakeGraphApi.PAGE_ID).invoke("send-message", input()))
        .isInstanceOfSatisfying(
            CallerException.class,
            e -> assertThat(e.providerError().subcode()).contains("2018001"));
  }

  @Test
  void reportsAGraphThatDoesNotAnswerAsTransientWithoutItsUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ConnectorSession session =
        Fixtures.CONNECTOR.open(
            Fixtures.context(graph)
                .setting("graph-url", "http://127.0.0.1:" + closedPort)
                .requestTimeout(Duration.ofSeconds(2))
                .credentials(Fixtures.authorizedFor(graph, FakeGraphApi.PAGE_ID))
                .build());

    assertThatThrownBy(() -> session.invoke("send-message", input()))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("send-message")
        .hasMessageNotContaining("127.0.0.1")
        .hasMessageNotContaining(graph.pageToken(FakeGraphApi.PAGE_ID));
  }

  @Test
  void subscribesAPageOnRequest() {
    ActionResult result = session(FakeGraphApi.PAGE_ID).invoke("subscribe-page", Setup.empty());

    assertThat(result.output())
        .containsEntry("pageId", FakeGraphApi.PAGE_ID)
        .containsEntry("subscribed", true);
    assertThat(graph.subscriptions()).containsKey(FakeGraphApi.PAGE_ID);
  }

  @Test
  void refusesAnUnknownAction() {
    assertThatThrownBy(() -> session(FakeGraphApi.PAGE_ID).invoke("delete-page", Setup.empty()))
        .isInstanceOf(CallerException.class);
    assertThatThrownBy(() -> Fixtures.CONNECTOR.validateInput("delete-page", Setup.empty()))
        .isInstanceOf(CallerException.class);
  }

  @Test
  void checksThePageIdOfSubscribePage() {
    assertThat(
            Fixtures.CONNECTOR
                .validateInput("subscribe-page", Setup.of("pageId", "my page"))
                .errors())
        .extracting(Validation.FieldError::field)
        .containsExactly("pageId");
  }

  private static Setup input() {
    return Setup.of("recipientId", Fixtures.PSID, "text", "Hello there");
  }

  private static Validation validate(Setup input) {
    return Fixtures.CONNECTOR.validateInput("send-message", input);
  }

  private ConnectorSession session(String... pageIds) {
    return Fixtures.CONNECTOR.open(
        Fixtures.context(graph).credentials(Fixtures.authorizedFor(graph, pageIds)).build());
  }
}
