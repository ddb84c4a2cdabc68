package dev.plugboard.connector.webhook;

import java.util.Objects;

/**
 * Whether a delivery's signature proves it came from the provider.
 *
 * @param valid {@code true} only when the signature matched the exact body bytes
 * @param reason why it was refused (missing header, wrong algorithm, mismatch); never a secret or a
 *     signature value
 * @since 1
 */
public record Verification(boolean valid, String reason) {

  private static final Verification VALID = new Verification(true, "signature matches");

  /**
   * Checks the argument.
   *
   * @param valid {@code true} only when the signature matched the exact body bytes
   * @param reason why it was refused (missing header, wrong algorithm, mismatch); never a secret or
   *     a signature value
   */
  public Verification {
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * @return a valid verification
   */
  public static Verification ok() {
    return VALID;
  }

  /**
   * @param reason why the delivery is refused
   * @return a refusal
   */
  public static Verification refused(String reason) {
    return new Verification(false, reason);
  }
}
