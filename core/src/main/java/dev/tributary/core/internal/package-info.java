/** Implementation details of Tributary shared across modules; unsupported, may change in any release. */
@NullMarked
package dev.tributary.core.internal;

import org.jspecify.annotations.NullMarked;
