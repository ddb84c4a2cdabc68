package dev.plugboard.runtime.catalog.entity;

/**
 * Fired inside the transaction that replaces a connector's operator defaults, so that whatever
 * holds effective setups in memory can forget them once it commits.
 *
 * @param connectorId the connector whose defaults changed
 */
public record DefaultsReplaced(String connectorId) {}
