/**
 * Tributary core: client settings, resilience, the exception tree and the neutral change-capture
 * vocabulary ({@link dev.tributary.core.ChangeEvent}, {@link dev.tributary.core.ChangeHandler}) that lets
 * the service modules meet without depending on each other.
 */
@NullMarked
package dev.tributary.core;

import org.jspecify.annotations.NullMarked;
