/** Implementation of the SES facade; unsupported, may change in any release. */
@NullMarked
package dev.tributary.ses.internal;

import org.jspecify.annotations.NullMarked;
