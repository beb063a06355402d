/** Implementation of KCL-based change capture; unsupported, may change in any release. */
@NullMarked
package dev.tributary.dynamo.kcl.internal;

import org.jspecify.annotations.NullMarked;
