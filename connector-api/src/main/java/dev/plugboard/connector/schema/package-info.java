/**
 * The auth-field schema: the fields a connector asks for ({@link
 * dev.plugboard.connector.schema.Field}), the values given for them ({@link
 * dev.plugboard.connector.schema.Setup}) and the per-field outcome of checking those values ({@link
 * dev.plugboard.connector.schema.Validation}).
 *
 * <p>Everything here is immutable, thread-safe data. From it the runtime renders setup forms,
 * decides what to encrypt and reports problems beside each field.
 *
 * @since 1
 */
package dev.plugboard.connector.schema;
