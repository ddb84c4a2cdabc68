package dev.plugboard.runtime.webhook.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While the database is down every delivery fails: the server logs the first failure at a URL with
 * its stack trace, then one such line per interval naming how many it left out (those at FINE, each
 * with the error id its answer gave), not a stack trace per delivery.
 */
class StoreFailureLogTest {

  private final Logger logger = Logger.getLogger(WebhooksServlet.class.getName());
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level levelBefore;

  private final AtomicLong now = new AtomicLong(0);
  private final RefusalLog failures = new RefusalLog(10, TimeUnit.SECONDS, now::get);
  private final SQLException down = new SQLException("Connection refused");

  @BeforeEach
  void listen() {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(capture);
    logger.setLevel(levelBefore);
  }

  @Test
  void aBurstOfFailuresAtAUrlGetsOneStackTraceAnIntervalAndTheRestAtFine() {
    for (int i = 0; i < 100; i++) {
      WebhooksServlet.logNotStored(failures, "connection c1", "id-" + i, down);
      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50)); // 5 s in all
    }
    now.addAndGet(TimeUnit.SECONDS.toNanos(6));
    WebhooksServlet.logNotStored(failures, "connection c1", "id-last", down);

    List<LogRecord> severe = records.stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
    assertThat(severe).hasSize(2).allMatch(r -> r.getThrown() == down);
    assertThat(severe.get(0).getMessage()).contains("connection c1").contains("id-0");
    assertThat(severe.get(1).getMessage())
        .contains("id-last")
        .contains("99 more failed there since the last one logged");
    List<LogRecord> fine = records.stream().filter(r -> r.getLevel() == Level.FINE).toList();
    assertThat(fine)
        .hasSize(99)
        .allMatch(r -> r.getThrown() == null)
        .anyMatch(r -> r.getMessage().contains("id-42") && r.getMessage().contains("refused"));
  }

  @Test
  void eachUrlHasItsOwnInterval() {
    WebhooksServlet.logNotStored(failures, "connection c1", "a", down);
    WebhooksServlet.logNotStored(failures, "connection c2", "b", down);

    assertThat(records).hasSize(2).allMatch(r -> r.getLevel() == Level.SEVERE);
  }
}
