package dev.plugboard.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.facebook.fake.MessengerDeliveries;
import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Splitting a delivery into events: every entry, every event list, stable ids. */
class WebhookSplitTest {

  private static final String PAGE_A = "102030405060708";
  private static final String PAGE_B = "908070605040302";

  private static final String REACTION =
      "{\"sender\":{\"id\":\"7766554433221100\"},\"recipient\":{\"id\":\"908070605040302\"},"
          + "\"timestamp\":1700000000002,\"reaction\":{\"reaction\":\"love\","
          + "\"emoji\":\"\\u2764\\ufe0f\",\"action\":\"react\",\"mid\":\"m_B0\"}}";
  private static final String READ =
      "{\"sender\":{\"id\":\"7766554433221100\"},\"recipient\":{\"id\":\"908070605040302\"},"
          + "\"timestamp\":1700000000004,\"read\":{\"watermark\":1700000000003}}";
  private static final String OPTIN =
      "{\"sender\":{\"id\":\"2418529374829183\"},\"recipient\":{\"id\":\"102030405060708\"},"
          + "\"timestamp\":1700000000005,\"optin\":{\"ref\":\"newsletter\","
          + "\"user_ref\":\"user-ref-77\"}}";

  private final WebhookHandler webhooks = new MessengerConnector().webhooks().orElseThrow();

  @Test
  void keepsEveryEventOfEveryEntryAcrossTwoPagesIncludingStandby() {
    List<WebhookEvent> events = split(MessengerDeliveries.sample("multi_entry_two_pages.json"));

    assertThat(events)
        .extracting(WebhookEvent::kind)
        .containsExactly("message", "reaction", "message", "read", "other", "other");
    assertThat(events)
        .extracting(e -> e.routingKey().orElseThrow())
        .containsExactly(PAGE_A, PAGE_B, PAGE_B, PAGE_B, PAGE_A, PAGE_A);
    assertThat(events)
        .extracting(e -> e.occurredAt().orElseThrow())
        .containsExactly(
            Instant.ofEpochMilli(1700000000001L),
            Instant.ofEpochMilli(1700000000002L),
            Instant.ofEpochMilli(1700000000003L),
            Instant.ofEpochMilli(1700000000004L),
            Instant.ofEpochMilli(1700000000005L),
            Instant.ofEpochMilli(1700000000006L));
  }

  @Test
  void identifiesMessagesByTheirMidAndOtherEventsByTheHashOfTheirBytes() {
    String body = text(MessengerDeliveries.sample("multi_entry_two_pages.json"));
    assertThat(body).contains(REACTION, READ, OPTIN);

    List<WebhookEvent> events = split(body.getBytes(StandardCharsets.UTF_8));

    assertThat(events)
        .extracting(WebhookEvent::externalId)
        .startsWith("m_A1", sha256(REACTION), "m_B1", sha256(READ), sha256(OPTIN))
        .doesNotHaveDuplicates();
  }

  @Test
  void keepsEachEventsJsonExactlyAsSentWithMetasEscapes() {
    List<WebhookEvent> events = split(MessengerDeliveries.sample("multi_entry_two_pages.json"));

    assertThat(events.get(0).payload())
        .contains("l'\\u00e9t\\u00e9 est l\\u00e0 \\ud83d\\ude00 https:\\/\\/example.com\\/a")
        .startsWith("{\"sender\"")
        .endsWith("}}");
    assertThat(events.get(1).payload()).isEqualTo(REACTION);
    assertThat(events.get(3).payload()).isEqualTo(READ);
  }

  @Test
  void keepsThePayloadsIndentationWhenTheBodyIsPrettyPrinted() {
    String body = text(MessengerDeliveries.sample("p08_read.json"));

    WebhookEvent read = split(body.getBytes(StandardCharsets.UTF_8)).get(0);

    assertThat(body).contains(read.payload());
    assertThat(read.payload()).contains("\n").startsWith("{").endsWith("}");
    assertThat(read.externalId()).isEqualTo(sha256(read.payload()));
  }

  @Test
  void givesTheSameIdToTheSameEventInAnotherDelivery() {
    byte[] alone =
        ("{\"object\":\"page\",\"entry\":[{\"id\":\"908070605040302\",\"time\":1,"
                + "\"messaging\":["
                + READ
                + "]}]}")
            .getBytes(StandardCharsets.UTF_8);

    String idAlone = split(alone).get(0).externalId();
    String idInBatch =
        split(MessengerDeliveries.sample("multi_entry_two_pages.json")).get(3).externalId();

    assertThat(idAlone).isEqualTo(idInBatch);
    assertThat(split(alone)).isEqualTo(split(alone));
  }

  @Test
  void givesTwoReactionsToOneMessageDifferentIds() {
    String love = REACTION;
    String wow =
        REACTION.replace("\"love\"", "\"wow\"").replace("\\u2764\\ufe0f", "\\ud83d\\ude2e");
    byte[] body =
        ("{\"object\":\"page\",\"entry\":[{\"id\":\"908070605040302\",\"time\":1,"
                + "\"messaging\":["
                + love
                + ","
                + wow
                + "]}]}")
            .getBytes(StandardCharsets.UTF_8);

    List<WebhookEvent> events = split(body);

    assertThat(events).extracting(WebhookEvent::kind).containsExactly("reaction", "reaction");
    assertThat(events.get(0).externalId()).isNotEqualTo(events.get(1).externalId());
  }

  @Test
  void recognisesATextMessage() {
    WebhookEvent event = single("p01_message_text_quick_reply.json");

    assertThat(event.kind()).isEqualTo("message");
    assertThat(event.externalId()).isEqualTo("mid.1457764197618:41d102a3e1ae206a38");
    assertThat(event.routingKey()).contains(PAGE_A);
    assertThat(event.occurredAt()).contains(Instant.ofEpochMilli(1458692752478L));
  }

  @Test
  void recognisesAMessageWithAttachments() {
    WebhookEvent event = single("p03_message_attachments.json");

    assertThat(event.kind()).isEqualTo("message");
    assertThat(event.externalId()).isEqualTo("mid.1458696618141:b4ef9d19ec21086067");
    assertThat(event.payload()).contains("\"attachments\"", "\"prior_message\"");
  }

  @Test
  void recognisesAnEcho() {
    WebhookEvent event = single("p05_echo_text.json");

    assertThat(event.kind()).isEqualTo("echo");
    assertThat(event.externalId()).isEqualTo("mid.1457764197618:41d102a3e1ae206a38");
    assertThat(event.occurredAt()).contains(Instant.ofEpochMilli(1457764197627L));
  }

  @Test
  void recognisesAPostbackWithoutMidByItsHash() {
    WebhookEvent event = single("p04_postback.json");

    assertThat(event.kind()).isEqualTo("postback");
    assertThat(event.externalId()).isEqualTo(sha256(event.payload())).hasSize(64);
  }

  @Test
  void recognisesAPostbackByItsMid() {
    byte[] body =
        ("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1,\"messaging\":[{"
                + "\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":3,"
                + "\"postback\":{\"title\":\"Start\",\"payload\":\"GO\",\"mid\":\"m_postback_1\"}}]}]}")
            .getBytes(StandardCharsets.UTF_8);

    WebhookEvent event = split(body).get(0);

    assertThat(event.kind()).isEqualTo("postback");
    assertThat(event.externalId()).isEqualTo("m_postback_1");
  }

  @Test
  void recognisesADeliveryAndDatesItByItsEntryWhenItHasNoTimestamp() {
    WebhookEvent event = single("p07_delivery.json");

    assertThat(event.kind()).isEqualTo("delivery");
    assertThat(event.externalId()).isEqualTo(sha256(event.payload()));
    assertThat(event.occurredAt()).contains(Instant.ofEpochMilli(1458692752478L));
  }

  @Test
  void recognisesARead() {
    WebhookEvent event = single("p08_read.json");

    assertThat(event.kind()).isEqualTo("read");
    assertThat(event.occurredAt()).contains(Instant.ofEpochMilli(1458668856463L));
  }

  @Test
  void keepsPageFeedChangesAsOtherEvents() {
    byte[] body =
        ("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":5,\"changes\":["
                + "{\"field\":\"feed\",\"value\":{\"item\":\"status\",\"verb\":\"add\"}}]}]}")
            .getBytes(StandardCharsets.UTF_8);

    List<WebhookEvent> events = split(body);

    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo("other");
              assertThat(e.routingKey()).contains("1");
              assertThat(e.occurredAt()).contains(Instant.ofEpochMilli(5));
            });
  }

  @Test
  void splitsADeliveryWithoutEventsIntoNone() {
    assertThat(split("{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(
            split(
                "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[]}]}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }

  @Test
  void hashesAnOverlongMid() {
    String mid = "m_" + "x".repeat(300);
    byte[] body = MessengerDeliveries.textMessage("1", "2", mid, "hi", 1);

    WebhookEvent event = split(body).get(0);

    assertThat(event.externalId()).hasSize(64).isEqualTo(sha256(event.payload()));
  }

  @Test
  void refusesABodyThatIsNotJson() {
    assertRefused("hello", "not a JSON object");
    assertRefused("", "not a JSON object");
    assertRefused("{\"object\":\"page\",\"entry\":[", "not a JSON object");
  }

  @Test
  void refusesJsonThatIsNotAnObject() {
    assertRefused("[{\"object\":\"page\"}]", "not a JSON object");
    assertRefused("\"page\"", "not a JSON object");
  }

  @Test
  void refusesADeliveryForAnotherObject() {
    assertRefused("{\"object\":\"instagram\",\"entry\":[]}", "\"instagram\", not \"page\"");
    assertRefused("{\"entry\":[]}", "names no object");
  }

  @Test
  void refusesADeliveryWithoutEntryArray() {
    assertRefused("{\"object\":\"page\"}", "no entry array");
    assertRefused("{\"object\":\"page\",\"entry\":{}}", "no entry array");
    assertRefused("{\"object\":\"page\",\"entry\":[42]}", "entry 0");
    assertRefused("{\"object\":\"page\",\"entry\":[{\"messaging\":{}}]}", "not an array");
  }

  @Test
  void refusesABodyThatIsNotUtf8() {
    byte[] latin1 =
        "{\"object\":\"page\",\"entry\":[],\"x\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> split(latin1))
        .isInstanceOf(CallerException.class)
        .hasMessageContaining("UTF-8");
  }

  private void assertRefused(String body, String reason) {
    assertThatThrownBy(() -> split(body.getBytes(StandardCharsets.UTF_8)))
        .as(body)
        .isInstanceOf(CallerException.class)
        .hasMessageContaining(reason);
  }

  private WebhookEvent single(String sample) {
    List<WebhookEvent> events = split(MessengerDeliveries.sample(sample));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private List<WebhookEvent> split(byte[] body) {
    return webhooks.split(WebhookRequest.post(Map.of(), body));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
