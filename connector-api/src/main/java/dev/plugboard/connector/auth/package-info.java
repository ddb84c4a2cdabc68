/**
 * How connections are authorized: the kinds of {@link dev.plugboard.connector.auth.Authorization} a
 * connector declares, and the values exchanged during an OAuth 2 authorization code flow.
 *
 * <p>The runtime owns everything generic (state, redirect URI, callback endpoint, encrypted
 * storage); a connector only builds the provider's dialog URL and turns a code into {@link
 * dev.plugboard.connector.Credentials}.
 *
 * @since 1
 */
package dev.plugboard.connector.auth;
