package dev.plugboard.runtime.event.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class EventWriterTest {

  @Test
  void aUniqueViolationIsRecognisedHoweverDeeplyWrapped() {
    SQLException duplicate = new SQLException("duplicate key", "23505");

    assertThat(
            EventWriter.isDuplicate(
                new RuntimeException(new PersistenceException("flush", duplicate))))
        .isTrue();
    assertThat(EventWriter.isDuplicate(new PersistenceException(new SQLException("x", "23503"))))
        .as("a foreign key violation is not a duplicate")
        .isFalse();
    assertThat(EventWriter.isDuplicate(new IllegalStateException())).isFalse();
  }

  @Test
  void aUniqueViolationChainedBehindABatchFailureIsRecognised() {
    // PostgreSQL's driver reports a failed batch as a BatchUpdateException whose next exception
    // carries the real SQLSTATE.
    BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", "", 0, null);
    batch.setNextException(new SQLException("duplicate key", "23505"));

    assertThat(EventWriter.isDuplicate(batch)).isTrue();
  }
}
