package dev.plugboard.runtime.catalog.boundary;

/**
 * How the API shows a secret field: only whether it holds a value.
 *
 * @param set whether a value is stored
 */
public record SecretState(boolean set) {}
