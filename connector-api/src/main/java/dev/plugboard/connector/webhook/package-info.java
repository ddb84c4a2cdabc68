/**
 * Webhooks: the {@link dev.plugboard.connector.webhook.WebhookHandler} a connector offers to verify
 * subscriptions, check signatures over raw bytes and split deliveries into {@link
 * dev.plugboard.connector.webhook.WebhookEvent events}.
 *
 * @since 1
 */
package dev.plugboard.connector.webhook;
