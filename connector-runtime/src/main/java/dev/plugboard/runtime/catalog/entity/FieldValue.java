package dev.plugboard.runtime.catalog.entity;

import dev.plugboard.runtime.secret.entity.Sealed;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.MappedSuperclass;
import java.util.Optional;

/**
 * The stored value of one auth field: plain text for ordinary fields, sealed for secret ones (never
 * both). Subclasses say whose value it is.
 */
@MappedSuperclass
public abstract class FieldValue {

  @Column(name = "plain_value")
  private String plainValue;

  @Embedded private Sealed sealed;

  /**
   * @return the field key
   */
  public abstract String fieldKey();

  /**
   * Where the value belongs, bound into its encryption so that it cannot be moved elsewhere.
   *
   * @return e.g. {@code setup/<connection>/<field>}
   */
  public abstract String owner();

  public Optional<String> plainValue() {
    return Optional.ofNullable(plainValue);
  }

  public Optional<Sealed> sealed() {
    return Optional.ofNullable(sealed);
  }

  public void storePlain(String value) {
    this.plainValue = value;
    this.sealed = null;
  }

  public void storeSealed(Sealed value) {
    this.sealed = value;
    this.plainValue = null;
  }
}
