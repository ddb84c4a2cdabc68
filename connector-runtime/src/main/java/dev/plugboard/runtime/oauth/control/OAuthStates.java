package dev.plugboard.runtime.oauth.control;

import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionRemoved;
import dev.plugboard.runtime.oauth.entity.OAuthState;
import dev.plugboard.runtime.secret.control.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues OAuth 2 states and spends them. A state is 256 random bits (base64url); only its SHA-256
 * is stored, with the connection and tenant it is bound to and its expiry ({@code
 * plugboard.oauth.state-ttl}). Spending is one conditional update, so of two callbacks showing the
 * same state exactly one wins, on whichever server instance.
 */
@ApplicationScoped
public class OAuthStates {

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  /** Spent and expired states are kept this long, to tell "already used" from "unknown". */
  private static final Duration KEPT = Duration.ofDays(1);

  @Inject EntityManager entityManager;

  @Inject
  @ConfigProperty(name = "plugboard.oauth.state-ttl")
  Duration ttl;

  /**
   * A new state, and when it expires.
   *
   * @param state the value for the provider's dialog; shown once, never stored
   * @param expiresAt when it stops being accepted
   */
  public record Issued(String state, Instant expiresAt) {
    /** Hides the state. */
    @Override
    public String toString() {
      return "Issued[expiresAt=" + expiresAt + "]";
    }
  }

  /** What a callback's state turned out to be. */
  public sealed interface Spent {}

  /**
   * The state was valid and is now spent.
   *
   * @param state what it was bound to
   */
  public record Accepted(OAuthState state) implements Spent {}

  /**
   * The state cannot be used.
   *
   * @param reason why
   */
  public record Refused(Reason reason) implements Spent {}

  /** Why a state was refused. */
  public enum Reason {
    /** Never issued here (or forged, or its connection was removed). */
    UNKNOWN,
    /** Already shown by an earlier callback. */
    USED,
    /** Past its expiry. */
    EXPIRED
  }

  /**
   * @return how long a state is accepted
   */
  public Duration ttl() {
    return ttl;
  }

  /**
   * Issues a state for one connection, in the caller's transaction.
   *
   * @param connection the connection being authorized
   * @param redirectUri the redirect URI the dialog is opened with
   * @return the state and its expiry
   */
  @Transactional(TxType.MANDATORY)
  public Issued issue(Connection connection, URI redirectUri) {
    return issue(connection, redirectUri, Optional.empty());
  }

  /**
   * Issues a state for one connection, in the caller's transaction.
   *
   * @param connection the connection being authorized
   * @param redirectUri the redirect URI the dialog is opened with
   * @param setupLinkHash the hash of the setup link the authorization is started from, if any
   * @return the state and its expiry
   */
  @Transactional(TxType.MANDATORY)
  public Issued issue(Connection connection, URI redirectUri, Optional<String> setupLinkHash) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    entityManager
        .createQuery("delete from OAuthState s where s.expiresAt < :old")
        .setParameter("old", now.minus(KEPT))
        .executeUpdate();
    String state = Tokens.random();
    Instant expiresAt = now.plus(ttl);
    entityManager.persist(
        new OAuthState(
            hash(state),
            connection.tenant(),
            connection.id(),
            redirectUri,
            now,
            expiresAt,
            setupLinkHash));
    return new Issued(state, expiresAt);
  }

  /**
   * Spends a state, in a transaction of its own that commits before anything else happens: a replay
   * is refused even if the rest of the callback then fails.
   *
   * @param state the state the callback showed
   * @return accepted with what it was bound to, or refused with the reason
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Spent spend(String state) {
    if (!SHAPE.matcher(state).matches()) {
      return new Refused(Reason.UNKNOWN);
    }
    String hash = hash(state);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    int spent =
        entityManager
            .createQuery(
                "update OAuthState s set s.usedAt = :now where s.stateHash = :hash"
                    + " and s.usedAt is null and s.expiresAt > :now")
            .setParameter("now", now)
            .setParameter("hash", hash)
            .executeUpdate();
    OAuthState row = entityManager.find(OAuthState.class, hash);
    if (row == null) {
      return new Refused(Reason.UNKNOWN);
    }
    if (spent == 1) {
      return new Accepted(row);
    }
    return new Refused(row.usedAt().isPresent() ? Reason.USED : Reason.EXPIRED);
  }

  void wipe(@Observes ConnectionRemoved removed) {
    entityManager
        .createQuery("delete from OAuthState s where s.connectionId = :connection")
        .setParameter("connection", removed.connection().value())
        .executeUpdate();
  }

  static String hash(String state) {
    return Tokens.sha256(state);
  }
}
