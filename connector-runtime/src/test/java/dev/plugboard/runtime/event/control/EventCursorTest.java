package dev.plugboard.runtime.event.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.problem.ProblemException;
import org.junit.jupiter.api.Test;

class EventCursorTest {

  @Test
  void aCursorNamesTheLastEventShown() {
    EventCursor cursor = EventCursor.of(EventCursor.encode(41), 2);

    assertThat(cursor.afterId()).isEqualTo(41);
    assertThat(cursor.limit()).isEqualTo(2);
    assertThat(EventCursor.of(null, null)).isEqualTo(new EventCursor(0, 50));
  }

  @Test
  void cursorsAndLimitsThisApiDidNotGiveAreRefused() {
    assertThatThrownBy(() -> EventCursor.of("bogus", null)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> EventCursor.of("ZXZlbnQ6LTE", null))
        .as("event:-1")
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> EventCursor.of(null, 0)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> EventCursor.of(null, 501)).isInstanceOf(ProblemException.class);
  }
}
