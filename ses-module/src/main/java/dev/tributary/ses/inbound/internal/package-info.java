/** Implementation of inbound mail handling; unsupported, may change in any release. */
@NullMarked
package dev.tributary.ses.inbound.internal;

import org.jspecify.annotations.NullMarked;
