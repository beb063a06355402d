/**
 * Suppression of addresses that hard-bounce or complain: {@link dev.tributary.ses.suppression.SuppressionPolicy}
 * feeds SES events into the SES account-level suppression list and/or a local
 * {@link dev.tributary.ses.suppression.SuppressionStore}; senders consult a
 * {@link dev.tributary.ses.suppression.SuppressionList} before sending.
 */
@NullMarked
package dev.tributary.ses.suppression;

import org.jspecify.annotations.NullMarked;
