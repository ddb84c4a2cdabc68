package dev.plugboard.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public base URL of the platform ({@code plugboard.service-domain}), from which the URLs that
 * providers call are made: the OAuth 2 redirect URI and the webhook URLs.
 */
@ApplicationScoped
public class ServiceDomain {

  /** The path of the OAuth 2 redirect URI, below the service domain. */
  public static final String CALLBACK_PATH = "/connector/callback";

  /** The path below which webhook URLs live. */
  public static final String WEBHOOKS_PATH = "/webhooks/";

  private String base;

  protected ServiceDomain() {
    // for the CDI proxy
  }

  @Inject
  public ServiceDomain(@ConfigProperty(name = "plugboard.service-domain") String serviceDomain) {
    this.base = serviceDomain.strip().replaceAll("/+$", "");
  }

  /**
   * @return e.g. {@code https://plugboard.example.com}, without a trailing slash
   */
  public String base() {
    return base;
  }

  /**
   * @return the redirect URI every OAuth 2 connector registers with its provider
   */
  public URI callbackUri() {
    return URI.create(base + CALLBACK_PATH);
  }

  /**
   * @param webhookKey a connection's webhook key
   * @return the connection's webhook URL
   */
  public String webhookUrl(String webhookKey) {
    return base + WEBHOOKS_PATH + webhookKey;
  }

  /**
   * @param connectorId a connector
   * @return the operator's shared-app webhook URL of that connector
   */
  public String sharedAppWebhookUrl(String connectorId) {
    return base + WEBHOOKS_PATH + "apps/" + connectorId;
  }
}
