/**
 * Discovery of connectors through {@link java.util.ServiceLoader}, with the checks that refuse a
 * malformed connector while loading the others: {@link
 * dev.plugboard.connector.loader.ConnectorLoader}.
 *
 * @since 1
 */
package dev.plugboard.connector.loader;
