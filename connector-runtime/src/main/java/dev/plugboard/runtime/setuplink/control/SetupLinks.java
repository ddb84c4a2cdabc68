package dev.plugboard.runtime.setuplink.control;

import dev.plugboard.runtime.ServiceDomain;
import dev.plugboard.runtime.audit.control.AuditLog;
import dev.plugboard.runtime.connection.control.ConnectionStore;
import dev.plugboard.runtime.connection.control.Connections;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.connection.entity.ConnectionRemoved;
import dev.plugboard.runtime.oauth.entity.AuthorizationStored;
import dev.plugboard.runtime.problem.FieldError;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.secret.control.Tokens;
import dev.plugboard.runtime.security.entity.Caller;
import dev.plugboard.runtime.setuplink.entity.SetupLink;
import dev.plugboard.runtime.tenant.entity.TenantId;
import dev.plugboard.runtime.tenant.entity.TenantRemoved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * End-customer setup links: a tenant hands one out for one connection; whoever opens it may fill
 * that connection's tenant-level fields and authorize it, until it expires or its flow completes. A
 * token is 256 random bits (base64url), shown once in the link's URL; only its SHA-256 is stored.
 */
@ApplicationScoped
public class SetupLinks {

  /** The audit's actor for what is done through a link (the token is never named). */
  public static final String ACTOR = "setup link";

  /** Longest lifetime of a link, in seconds: 7 days. */
  public static final long MAX_EXPIRY_SECONDS = 604_800;

  /** Lifetime of a link when the tenant names none, in seconds: 1 day. */
  public static final long DEFAULT_EXPIRY_SECONDS = 86_400;

  /** The field of the request that names the lifetime. */
  public static final String EXPIRY_FIELD = "expiresInSeconds";

  /** The page a link opens, below the service domain; the token follows in the fragment. */
  public static final String PAGE = "/admin/setup.html#token=";

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  /** Used and expired links are kept this long, then removed when new links are made. */
  private static final Duration KEPT = Duration.ofDays(1);

  @Inject EntityManager entityManager;
  @Inject Connections connections;
  @Inject ConnectionStore store;
  @Inject AuditLog audit;
  @Inject ServiceDomain serviceDomain;

  @Inject
  @ConfigProperty(name = "plugboard.setup-links.min-expiry", defaultValue = "PT60S")
  Duration minExpiry;

  /**
   * A new link.
   *
   * @param url the page, with the token in its fragment; shown once, never stored
   * @param expiresAt when it stops working
   */
  public record Created(String url, Instant expiresAt) {
    /** Hides the token. */
    @Override
    public String toString() {
      return "Created[expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * A link that is still open, with its connection.
   *
   * @param link the stored link
   * @param connection the connection it opens
   */
  public record Opened(SetupLink link, Connection connection) {}

  /**
   * Makes a link for one of the tenant's connections, in the caller's transaction.
   *
   * @param tenant the tenant asking
   * @param id its connection
   * @param expiresInSeconds how long the link works, if the tenant said
   * @param by who asked
   * @return the link's URL and expiry
   * @throws ProblemException 404 for another tenant's connection, 422 for a lifetime out of range
   */
  @Transactional(TxType.MANDATORY)
  public Created create(
      TenantId tenant, ConnectionId id, Optional<Long> expiresInSeconds, Caller by) {
    Connection connection = connections.require(tenant, id);
    long min = Math.max(1, minExpiry.toSeconds());
    long seconds = expiresInSeconds.orElse(DEFAULT_EXPIRY_SECONDS);
    if (seconds < min || seconds > MAX_EXPIRY_SECONDS) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  EXPIRY_FIELD,
                  "must be between " + min + " and " + MAX_EXPIRY_SECONDS + " seconds")));
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    entityManager
        .createQuery("delete from SetupLink l where l.expiresAt < :old")
        .setParameter("old", now.minus(KEPT))
        .executeUpdate();
    String token = Tokens.random();
    Instant expiresAt = now.plusSeconds(seconds);
    entityManager.persist(new SetupLink(hash(token), tenant, connection.id(), now, expiresAt));
    audit.record(
        by.getName(),
        Optional.of(tenant),
        "setup-link.created",
        "connection/" + id,
        "expires " + expiresAt);
    return new Created(serviceDomain.base() + PAGE + token, expiresAt);
  }

  /**
   * Opens a link, in the caller's transaction.
   *
   * @param token the token from the link
   * @return the link and its connection
   * @throws ProblemException 403 when the link is unknown, expired or used, or its connection gone
   */
  @Transactional(TxType.MANDATORY)
  public Opened open(String token) {
    if (token == null || !SHAPE.matcher(token).matches()) {
      throw refused();
    }
    SetupLink link = entityManager.find(SetupLink.class, hash(token));
    if (link == null || !link.open(Instant.now())) {
      throw refused();
    }
    Connection connection =
        store.find(link.tenant(), link.connection()).orElseThrow(() -> refused());
    return new Opened(link, connection);
  }

  /**
   * Marks a link used: from now on it opens nothing. In the caller's transaction.
   *
   * @param link an open link
   * @param how what completed, for the audit
   */
  @Transactional(TxType.MANDATORY)
  public void used(SetupLink link, String how) {
    if (link.usedAt().isPresent()) {
      return;
    }
    link.used(Instant.now().truncatedTo(ChronoUnit.MICROS));
    audit.record(
        ACTOR,
        Optional.of(link.tenant()),
        "setup-link.used",
        "connection/" + link.connection(),
        how);
  }

  void authorized(@Observes AuthorizationStored stored) {
    stored
        .setupLinkHash()
        .map(hash -> entityManager.find(SetupLink.class, hash))
        .filter(link -> link.connection().equals(stored.connection()))
        .ifPresent(link -> used(link, "authorized"));
  }

  void wipe(@Observes ConnectionRemoved removed) {
    entityManager
        .createQuery("delete from SetupLink l where l.connectionId = :connection")
        .setParameter("connection", removed.connection().value())
        .executeUpdate();
  }

  void wipe(@Observes TenantRemoved removed) {
    entityManager
        .createQuery("delete from SetupLink l where l.tenantId = :tenant")
        .setParameter("tenant", removed.tenant().value())
        .executeUpdate();
  }

  private static ProblemException refused() {
    return ProblemException.forbidden(
        "This setup link has expired or was already used. Setup links work once and only for a"
            + " limited time: ask the person who sent it for a new one.");
  }

  static String hash(String token) {
    return Tokens.sha256(token);
  }
}
