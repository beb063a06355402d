/**
 * Small building blocks that every Tributary module uses and that extensions (a new facade, a custom store)
 * may use too: holding a client that Tributary may or may not own ({@link dev.tributary.core.support.ClientHolder}),
 * masking untrusted text before it reaches a log or a message ({@link dev.tributary.core.support.Redaction}),
 * calling user listeners so that they can never break the library ({@link dev.tributary.core.support.Listeners}), and
 * the attempts and backoff of a retrying settings type ({@link dev.tributary.core.support.RetrySettings}).
 *
 * <p>Supported API, versioned with the rest of the library. Implementation details that no other module needs
 * live in each module's {@code internal} package and are not supported.
 */
@NullMarked
package dev.tributary.core.support;

import org.jspecify.annotations.NullMarked;
