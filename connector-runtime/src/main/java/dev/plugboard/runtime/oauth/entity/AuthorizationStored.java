package dev.plugboard.runtime.oauth.entity;

import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.tenant.entity.TenantId;
import java.util.Optional;

/**
 * Fired, synchronously and inside the transaction that stores them, when the credentials of an
 * authorization are stored.
 *
 * @param tenant the connection's tenant
 * @param connection the connection authorized
 * @param setupLinkHash the setup link the authorization was started from, if any
 */
public record AuthorizationStored(
    TenantId tenant, ConnectionId connection, Optional<String> setupLinkHash) {}
