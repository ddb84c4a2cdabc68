/**
 * The Plugboard connector SPI. A connector is a {@link dev.plugboard.connector.Connector} found
 * through {@link java.util.ServiceLoader}; it describes itself with a {@link
 * dev.plugboard.connector.ConnectorDescriptor} and serves each connection through a {@link
 * dev.plugboard.connector.ConnectorSession} opened on that connection's {@link
 * dev.plugboard.connector.ConnectorContext}.
 *
 * <p>This module depends on the JDK only. It grows only by adding methods with defaults; ids and
 * field keys, once released, never change. See {@link dev.plugboard.connector.Spi} for the version.
 *
 * @since 1
 */
package dev.plugboard.connector;
