package dev.plugboard.runtime.connection.entity;

/**
 * Fired, synchronously and inside the removing transaction, just before a connection row is deleted
 * (on uninstall, and for each connection of a tenant being removed): every feature that keeps rows
 * of a connection deletes them in its observer.
 *
 * @param connection the connection being removed
 */
public record ConnectionRemoved(ConnectionId connection) {}
