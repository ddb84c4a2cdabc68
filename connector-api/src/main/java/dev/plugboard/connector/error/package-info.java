/**
 * The unchecked exceptions a connector throws when a provider call fails, so the runtime can answer
 * the API caller with the right status and decide what to retry: {@link
 * dev.plugboard.connector.error.CallerException}, {@link
 * dev.plugboard.connector.error.AuthorizationException}, {@link
 * dev.plugboard.connector.error.RateLimitException}, {@link
 * dev.plugboard.connector.error.TransientException} and their base {@link
 * dev.plugboard.connector.error.ConnectorException}, each carrying the provider's own {@link
 * dev.plugboard.connector.error.ProviderError}.
 *
 * @since 1
 */
package dev.plugboard.connector.error;
