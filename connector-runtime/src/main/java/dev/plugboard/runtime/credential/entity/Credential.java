package dev.plugboard.runtime.credential.entity;

import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.secret.entity.Sealed;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The credentials an authorization granted one connection (tokens, the resources they reach and
 * their tokens), sealed as one value: nothing of it is readable in the database.
 */
@Entity
public class Credential {

  @Id
  @Column(name = "connection_id")
  private String connectionId;

  @Embedded private Sealed sealed;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Credential() {}

  public Credential(ConnectionId connection) {
    this.connectionId = connection.value();
  }

  /**
   * Where the value belongs, bound into its encryption so that it opens for this connection only.
   *
   * @param connection a connection
   * @return {@code credential/<connection>}
   */
  public static String owner(ConnectionId connection) {
    return "credential/" + connection.value();
  }

  public ConnectionId connectionId() {
    return new ConnectionId(connectionId);
  }

  public Sealed sealed() {
    return sealed;
  }

  /**
   * @return when the authorization that stored these credentials completed
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * Replaces the stored credentials, as a new authorization does.
   *
   * @param value the sealed credentials
   */
  public void replace(Sealed value) {
    this.sealed = value;
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
