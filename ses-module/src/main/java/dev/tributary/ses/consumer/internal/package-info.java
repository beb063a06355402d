/** Implementation of the SES event consumers; unsupported, may change in any release. */
@NullMarked
package dev.tributary.ses.consumer.internal;

import org.jspecify.annotations.NullMarked;
