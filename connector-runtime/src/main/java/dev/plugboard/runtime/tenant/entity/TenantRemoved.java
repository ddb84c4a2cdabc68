package dev.plugboard.runtime.tenant.entity;

/**
 * Fired, synchronously and inside the removing transaction, just before a tenant row is deleted:
 * every feature that keeps tenant data deletes its rows in its observer.
 *
 * @param tenant the tenant being removed
 */
public record TenantRemoved(TenantId tenant) {}
