package dev.plugboard.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.facebook.EventSpans.Span;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scanner that finds each event's exact bytes in a delivery. */
class EventSpansTest {

  @Test
  void findsEachElementOfTheWantedArraysOfEachEntry() {
    String body =
        "{\"entry\":[{\"id\":\"1\",\"messaging\":[{\"a\":1}, {\"b\":[2,3]}]},"
            + "{\"standby\":[{\"c\":\"}]\\\"{\"}],\"other\":[{\"d\":4}]}]}";

    List<Map<String, List<Span>>> entries = find(body);

    assertThat(entries).hasSize(2);
    assertThat(texts(body, entries.get(0).get("messaging")))
        .containsExactly("{\"a\":1}", "{\"b\":[2,3]}");
    assertThat(texts(body, entries.get(1).get("standby"))).containsExactly("{\"c\":\"}]\\\"{\"}");
    assertThat(entries.get(1)).doesNotContainKey("other");
  }

  @Test
  void countsBytesNotCharacters() {
    String body = "{\"x\":\"\u00e9\u4f60\",\"entry\":[{\"messaging\":[{\"t\":\"\ud83d\ude00\"}]}]}";

    List<Map<String, List<Span>>> entries = find(body);

    assertThat(texts(body, entries.get(0).get("messaging")))
        .containsExactly("{\"t\":\"\ud83d\ude00\"}");
  }

  @Test
  void keepsTheLastOfDuplicateKeysAsAJsonParserDoes() {
    String body = "{\"entry\":[{\"messaging\":[{\"a\":1}],\"messaging\":[{\"b\":2}]}]}";

    assertThat(texts(body, find(body).get(0).get("messaging"))).containsExactly("{\"b\":2}");
  }

  @Test
  void handlesLiteralsAndEmptyContainers() {
    String body =
        "{\"object\":\"page\",\"n\":-1.5e3,\"t\":true,\"z\":null,\"e\":{},\"entry\":[{},"
            + "{\"messaging\":[]},{\"messaging\":[{\"k\":false}]}]}";

    List<Map<String, List<Span>>> entries = find(body);

    assertThat(entries).hasSize(3);
    assertThat(entries.get(0)).isEmpty();
    assertThat(entries.get(1).get("messaging")).isEmpty();
    assertThat(texts(body, entries.get(2).get("messaging"))).containsExactly("{\"k\":false}");
  }

  @Test
  void givesUpOnABodyItCannotFollow() {
    assertThat(EventSpans.find("[1]".getBytes(StandardCharsets.UTF_8), Set.of("messaging")))
        .isEmpty();
    assertThat(
            EventSpans.find(
                "{\"entry\":[{\"messaging\":[".getBytes(StandardCharsets.UTF_8),
                Set.of("messaging")))
        .isEmpty();
  }

  private static List<Map<String, List<Span>>> find(String body) {
    return EventSpans.find(body.getBytes(StandardCharsets.UTF_8), Set.of("messaging", "standby"))
        .orElseThrow();
  }

  private static List<String> texts(String body, List<Span> spans) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return spans.stream()
        .map(s -> new String(bytes, s.start(), s.end() - s.start(), StandardCharsets.UTF_8))
        .toList();
  }
}
