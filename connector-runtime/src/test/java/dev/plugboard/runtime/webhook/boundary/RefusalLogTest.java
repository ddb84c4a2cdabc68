package dev.plugboard.runtime.webhook.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RefusalLog log = new RefusalLog(60, TimeUnit.SECONDS, now::get);

  @Test
  void theFirstRefusalAtAUrlIsLoggedAndTheNextOnesOfTheMinuteAreCounted() {
    assertThat(log.admit("a")).hasValue(0);
    for (int i = 0; i < 1_000; i++) {
      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
      assertThat(log.admit("a")).isEmpty();
    }
    assertThat(log.admit("b")).as("another URL has its own minute").hasValue(0);

    now.set(1_000_000_000L + TimeUnit.SECONDS.toNanos(60));
    assertThat(log.admit("a")).as("the left-out ones counted into the next line").hasValue(1_000);
    assertThat(log.admit("a")).isEmpty();

    now.addAndGet(TimeUnit.MINUTES.toNanos(10));
    assertThat(log.admit("a")).as("a quiet URL starts again").hasValue(1);
    assertThat(log.admit("b")).hasValue(0);
  }

  @Test
  void aClockBeforeTheFirstRefusalIsNoSpecialCase() {
    now.set(Long.MIN_VALUE + 5); // System.nanoTime may be any value, negative ones included
    assertThat(log.admit("a")).hasValue(0);
    now.addAndGet(1);
    assertThat(log.admit("a")).isEmpty();
  }

  @Test
  void refusalsAtManyUrlsKeepTheTableBoundedAndAreStillLogged() {
    for (int i = 0; i < RefusalLog.MAX_URLS + 10; i++) {
      assertThat(log.admit("url " + i)).hasValue(0);
      assertThat(log.tracked()).isLessThanOrEqualTo(RefusalLog.MAX_URLS);
    }
    assertThat(log.tracked()).isEqualTo(10);
    OptionalLong again = log.admit("url " + (RefusalLog.MAX_URLS + 5));
    assertThat(again).as("tracked after the table started again").isEmpty();
  }
}
