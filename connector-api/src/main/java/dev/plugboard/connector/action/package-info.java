/**
 * Actions: operations a connection offers (e.g. sending a message), declared with their input
 * fields and invoked through {@link dev.plugboard.connector.ConnectorSession#invoke}.
 *
 * @since 1
 */
package dev.plugboard.connector.action;
