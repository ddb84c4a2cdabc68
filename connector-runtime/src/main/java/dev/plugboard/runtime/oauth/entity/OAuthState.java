package dev.plugboard.runtime.oauth.entity;

import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * An OAuth 2 {@code state} handed to a provider's dialog, as stored: only its SHA-256, the
 * connection and tenant it is bound to, the redirect URI the dialog was opened with, when it
 * expires and when it was spent, and the setup link it was started from, if any. Living in the
 * database, it is honoured by whichever server instance the callback reaches.
 */
@Entity
@Table(name = "oauth_state")
public class OAuthState {

  @Id
  @Column(name = "state_hash")
  private String stateHash;

  @Column(name = "tenant_id", nullable = false)
  private String tenantId;

  @Column(name = "connection_id", nullable = false)
  private String connectionId;

  @Column(name = "redirect_uri", nullable = false)
  private String redirectUri;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  @Column(name = "setup_link_hash")
  private String setupLinkHash;

  protected OAuthState() {}

  public OAuthState(
      String stateHash,
      TenantId tenant,
      ConnectionId connection,
      URI redirectUri,
      Instant createdAt,
      Instant expiresAt,
      Optional<String> setupLinkHash) {
    this.stateHash = stateHash;
    this.tenantId = tenant.value();
    this.connectionId = connection.value();
    this.redirectUri = redirectUri.toString();
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
    this.setupLinkHash = setupLinkHash.orElse(null);
  }

  public TenantId tenant() {
    return new TenantId(tenantId);
  }

  public ConnectionId connection() {
    return new ConnectionId(connectionId);
  }

  public URI redirectUri() {
    return URI.create(redirectUri);
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Optional<Instant> usedAt() {
    return Optional.ofNullable(usedAt);
  }

  /**
   * @return the hash of the setup link the authorization was started from, if it was
   */
  public Optional<String> setupLinkHash() {
    return Optional.ofNullable(setupLinkHash);
  }
}
