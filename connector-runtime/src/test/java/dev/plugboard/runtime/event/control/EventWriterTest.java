package dev.plugboard.runtime.webhook.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DeliveriesTest {

  @Test
  void aUniqueViolationIsRecognisedHoweverDeeplyWrapped() {
    SQLException duplicate = new SQLException("duplicate key", "23505");

    assertThat(
            Deliveries.isDuplicate(
                new RuntimeException(new PersistenceException("flush", duplicate))))
        .isTrue();
    assertThat(Deliveries.isDuplicate(new PersistenceException(new SQLException("x", "23503"))))
        .as("a foreign key violation is not a duplicate")
        .isFalse();
    assertThat(Deliveries.isDuplicate(new IllegalStateException())).isFalse();
  }
}
