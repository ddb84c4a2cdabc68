package dev.plugboard.connector.auth;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a connection obtains the credentials it calls the provider with: one of {@link
 * OAuth2AuthorizationCode}, {@link ApiKey} or {@link None}.
 *
 * @since 1
 */
public sealed interface Authorization
    permits Authorization.OAuth2AuthorizationCode, Authorization.ApiKey, Authorization.None {

  /**
   * The kind as named in the HTTP API: {@code oauth2}, {@code api-key} or {@code none}.
   *
   * @return the kind's name
   */
  String kind();

  /**
   * @return the auth-field keys this authorization reads; each must be in the schema
   */
  List<String> fieldKeys();

  /**
   * @return those of {@link #fieldKeys()} that hold credentials and must be secret fields
   */
  default Set<String> secretFieldKeys() {
    return Set.of();
  }

  /**
   * @return the authorization of a connector that needs no credentials
   */
  static Authorization none() {
    return None.INSTANCE;
  }

  /**
   * OAuth 2 authorization code grant (RFC 6749 §4.1). The runtime owns the {@code state}, the
   * redirect URI and the callback; the connector builds the dialog URL ({@link
   * dev.plugboard.connector.ConnectorSession#authorizationUrl}) and turns the returned code into
   * stored {@link dev.plugboard.connector.Credentials} ({@link
   * dev.plugboard.connector.ConnectorSession#exchange}), which is where a provider's token response
   * is mapped, including any follow-up calls such as exchanging for a long-lived token.
   *
   * <p>Endpoints are templates in which {@code {setting-key}} stands for the resolved value of a
   * declared {@link dev.plugboard.connector.Setting}, so an operator or a test can redirect them;
   * they document the flow and are shown to operators.
   *
   * @param authorizationEndpoint the dialog URL template, e.g. {@code
   *     {dialog-url}/{api-version}/dialog/oauth}
   * @param tokenEndpoint the token URL template
   * @param clientIdField the auth field holding the client id
   * @param clientSecretField the secret auth field holding the client secret
   * @param scopesField the list field holding the requested scopes
   * @param scopeSeparator how scopes are joined in the dialog URL, e.g. {@code ","} or {@code " "}
   * @since 1
   */
  record OAuth2AuthorizationCode(
      String authorizationEndpoint,
      String tokenEndpoint,
      String clientIdField,
      String clientSecretField,
      String scopesField,
      String scopeSeparator)
      implements Authorization {

    /**
     * Checks the arguments.
     *
     * @param authorizationEndpoint the dialog URL template
     * @param tokenEndpoint the token URL template
     * @param clientIdField the auth field holding the client id
     * @param clientSecretField the secret auth field holding the client secret
     * @param scopesField the list field holding the requested scopes
     * @param scopeSeparator how scopes are joined in the dialog URL
     */
    public OAuth2AuthorizationCode {
      Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
      Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
      Objects.requireNonNull(clientIdField, "clientIdField");
      Objects.requireNonNull(clientSecretField, "clientSecretField");
      Objects.requireNonNull(scopesField, "scopesField");
      Objects.requireNonNull(scopeSeparator, "scopeSeparator");
      if (scopeSeparator.isEmpty()) {
        throw new IllegalArgumentException("scope separator is empty");
      }
    }

    @Override
    public String kind() {
      return "oauth2";
    }

    @Override
    public List<String> fieldKeys() {
      return List.of(clientIdField, clientSecretField, scopesField);
    }

    @Override
    public Set<String> secretFieldKeys() {
      return Set.of(clientSecretField);
    }

    /**
     * Joins scopes the way the provider expects them.
     *
     * @param scopes the scopes
     * @return the scopes joined with {@link #scopeSeparator()}
     */
    public String joinScopes(List<String> scopes) {
      return String.join(scopeSeparator, scopes);
    }
  }

  /**
   * A static key or token the tenant enters in a secret field; nothing to authorize.
   *
   * @param keyField the secret auth field holding the key
   * @since 1
   */
  record ApiKey(String keyField) implements Authorization {

    /**
     * Checks the argument.
     *
     * @param keyField the secret auth field holding the key
     */
    public ApiKey {
      Objects.requireNonNull(keyField, "keyField");
    }

    @Override
    public String kind() {
      return "api-key";
    }

    @Override
    public List<String> fieldKeys() {
      return List.of(keyField);
    }

    @Override
    public Set<String> secretFieldKeys() {
      return Set.of(keyField);
    }
  }

  /**
   * No credentials: a complete setup is enough.
   *
   * @since 1
   */
  enum None implements Authorization {
    /** The one instance. */
    INSTANCE;

    @Override
    public String kind() {
      return "none";
    }

    @Override
    public List<String> fieldKeys() {
      return List.of();
    }
  }
}
