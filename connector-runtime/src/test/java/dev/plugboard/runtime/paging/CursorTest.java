package dev.plugboard.runtime.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void roundTripsThroughAnOpaqueToken() {
    Cursor cursor = new Cursor(Instant.parse("2026-01-02T03:04:05.123456Z"), "id-1");
    String token = cursor.encode();
    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(Cursor.decode(token)).contains(cursor);
  }

  @Test
  void foreignTokensAreRefused() {
    assertThat(Cursor.decode("not a token")).isEmpty();
    assertThat(Cursor.decode("bm90aGluZw")).isEmpty();
    assertThatThrownBy(() -> PageRequest.of("bm90aGluZw", null))
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(422));
  }

  @Test
  void limitsAreBounded() {
    assertThat(PageRequest.of(null, null).limit()).isEqualTo(PageRequest.DEFAULT_LIMIT);
    assertThatThrownBy(() -> PageRequest.of(null, 0)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> PageRequest.of(null, PageRequest.MAX_LIMIT + 1))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void aPageHasANextCursorOnlyWhenRowsAreLeft() {
    PageRequest two = PageRequest.of(null, 2);
    Page<String> full = Page.cut(List.of("a", "b", "c"), two, s -> new Cursor(Instant.EPOCH, s));
    assertThat(full.items()).containsExactly("a", "b");
    assertThat(Cursor.decode(full.next())).contains(new Cursor(Instant.EPOCH, "b"));

    Page<String> last = Page.cut(List.of("a", "b"), two, s -> new Cursor(Instant.EPOCH, s));
    assertThat(last.next()).isNull();
  }
}
