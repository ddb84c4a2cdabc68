package dev.plugboard.runtime.security.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class that needs no API key: its own path carries the credential (e.g. a setup
 * link's token). Only requests under {@link AuthenticationFilter#PUBLIC_PREFIX} skip the key check,
 * and of those only the ones that reach a resource with this mark are served; both must hold.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Public {}
