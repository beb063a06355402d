/**
 * Amazon SES e-mail facade: {@link dev.tributary.ses.SesMailer} (sync) and {@link dev.tributary.ses.SesAsyncMailer}
 * (async), over the SES v2 API or SMTP, quota-aware.
 */
@NullMarked
package dev.tributary.ses;

import org.jspecify.annotations.NullMarked;
