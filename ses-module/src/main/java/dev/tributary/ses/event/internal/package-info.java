/** Implementation of SES event parsing; unsupported, may change in any release. */
@NullMarked
package dev.tributary.ses.event.internal;

import org.jspecify.annotations.NullMarked;
