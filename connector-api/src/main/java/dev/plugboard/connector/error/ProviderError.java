package dev.plugboard.connector.error;

import java.util.Optional;

/**
 * What a provider said about a failed call, kept so that the API caller sees it: for the Graph API
 * {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}.
 *
 * @param code the provider's error code, e.g. {@code 190}
 * @param subcode a finer code, e.g. {@code 2018001}
 * @param type the provider's error type, e.g. {@code OAuthException}
 * @param message the provider's message; providers do not echo secrets in it
 * @param traceId an id the provider's support can look up
 * @since 1
 */
public record ProviderError(
    Optional<String> code,
    Optional<String> subcode,
    Optional<String> type,
    Optional<String> message,
    Optional<String> traceId) {

  /**
   * @return an error the provider said nothing about
   */
  public static ProviderError none() {
    return new ProviderError(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
