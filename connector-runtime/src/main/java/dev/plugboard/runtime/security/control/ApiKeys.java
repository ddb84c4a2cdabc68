package dev.plugboard.runtime.security.control;

import dev.plugboard.runtime.audit.control.AuditLog;
import dev.plugboard.runtime.security.entity.ApiKey;
import dev.plugboard.runtime.security.entity.Caller;
import dev.plugboard.runtime.tenant.entity.TenantId;
import dev.plugboard.runtime.tenant.entity.TenantRemoved;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues, checks and revokes API keys. Keys are stored as SHA-256 hashes and compared in constant
 * time. An operator key set in {@code plugboard.admin.api-key} replaces the generated ones.
 */
@ApplicationScoped
public class ApiKeys {

  /** The key id the audit shows for the operator key from configuration. */
  static final String CONFIGURED = "configured";

  /** Compared against when a key id is unknown, so that a miss costs what a hit costs. */
  private static final String NO_HASH = KeyText.hash("");

  @Inject EntityManager entityManager;
  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "plugboard.admin.api-key")
  Optional<String> configuredOperatorKey;

  private Optional<String> configuredHash;

  @PostConstruct
  void hashConfiguredKey() {
    configuredHash = configuredOperatorKey.filter(k -> !k.isBlank()).map(KeyText::hash);
  }

  /**
   * What a new key looks like to the one who asked for it, once.
   *
   * @param id the key's public id
   * @param key the whole key; not stored
   */
  public record Issued(String id, String key) {

    /** Hides the key. */
    @Override
    public String toString() {
      return "Issued[" + id + "]";
    }
  }

  /**
   * @param presented the bearer token a client sent
   * @return who it belongs to, when it is a valid, unrevoked key
   */
  public Optional<Caller> authenticate(String presented) {
    String hash = KeyText.hash(presented);
    if (configuredHash.isPresent() && KeyText.sameHash(hash, configuredHash.get())) {
      return Optional.of(Caller.operator(CONFIGURED));
    }
    Optional<KeyText> text = KeyText.parse(presented);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    ApiKey stored = entityManager.find(ApiKey.class, text.get().id());
    boolean matches = KeyText.sameHash(hash, stored == null ? NO_HASH : stored.keyHash());
    if (!matches || !stored.active()) {
      return Optional.empty();
    }
    if (stored.tenant().isEmpty()) {
      return configuredHash.isPresent()
          ? Optional.empty()
          : Optional.of(Caller.operator(stored.id()));
    }
    return Optional.of(Caller.tenant(stored.tenant().get(), stored.id()));
  }

  /**
   * @param tenant the tenant to issue a key for
   * @param by who asked
   * @return the key, to be shown once
   */
  public Issued issue(TenantId tenant, Caller by) {
    Issued issued = store(Optional.of(tenant));
    audit.record(
        by.getName(), Optional.of(tenant), "api-key.created", "api-key/" + issued.id(), "");
    return issued;
  }

  /**
   * @param tenant the key's tenant
   * @param keyId the key's id
   * @param by who asked
   * @return whether the tenant has such a key (revoking twice is fine)
   */
  public boolean revoke(TenantId tenant, String keyId, Caller by) {
    Optional<ApiKey> key = find(tenant, keyId);
    key.filter(ApiKey::active)
        .ifPresent(
            k -> {
              k.revoke();
              audit.record(
                  by.getName(), Optional.of(tenant), "api-key.revoked", "api-key/" + keyId, "");
            });
    return key.isPresent();
  }

  /**
   * @param tenant a tenant
   * @return its keys, oldest first, revoked ones included
   */
  public List<ApiKey> list(TenantId tenant) {
    return entityManager
        .createQuery(
            "select k from ApiKey k where k.tenantId = :tenant order by k.createdAt, k.id",
            ApiKey.class)
        .setParameter("tenant", tenant.value())
        .getResultList();
  }

  /**
   * @return whether a generated operator key is in use (or one is configured)
   */
  boolean operatorKeyExists() {
    return configuredHash.isPresent()
        || !entityManager
            .createQuery(
                "select k.id from ApiKey k where k.tenantId is null and k.revokedAt is null",
                String.class)
            .setMaxResults(1)
            .getResultList()
            .isEmpty();
  }

  /**
   * @return a new operator key, to be shown once
   */
  Issued issueOperatorKey() {
    Issued issued = store(Optional.empty());
    audit.record(
        AuditLog.SYSTEM,
        Optional.empty(),
        "api-key.created",
        "api-key/" + issued.id(),
        "operator key");
    return issued;
  }

  void deleteAll(@Observes TenantRemoved removed) {
    entityManager
        .createQuery("delete from ApiKey k where k.tenantId = :tenant")
        .setParameter("tenant", removed.tenant().value())
        .executeUpdate();
  }

  private Optional<ApiKey> find(TenantId tenant, String keyId) {
    return Optional.ofNullable(entityManager.find(ApiKey.class, keyId))
        .filter(k -> k.tenant().equals(Optional.of(tenant)));
  }

  private Issued store(Optional<TenantId> tenant) {
    KeyText key = KeyText.generate();
    entityManager.persist(new ApiKey(key.id(), tenant, KeyText.hash(key.text())));
    return new Issued(key.id(), key.text());
  }
}
