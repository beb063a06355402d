/** Implementation of the test kit; unsupported, may change in any release. */
@NullMarked
package dev.tributary.testkit.internal;

import org.jspecify.annotations.NullMarked;
