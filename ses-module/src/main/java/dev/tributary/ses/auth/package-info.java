/**
 * Sender-domain authentication checks for SES: DKIM (Easy DKIM and BYODKIM), SPF on the MAIL FROM domain,
 * the MAIL FROM MX record and DMARC with alignment, as a typed {@link dev.tributary.ses.auth.DomainAuthReport}.
 *
 * <p>Entry points: {@link dev.tributary.ses.auth.DomainAuthChecker} (run a check),
 * {@link dev.tributary.ses.auth.SenderDomainGuard} (refuse or warn before sending) and
 * {@link dev.tributary.ses.auth.DomainCheckCommand} (command line). Check ids are listed in
 * {@link dev.tributary.ses.auth.CheckIds}.
 */
@NullMarked
package dev.tributary.ses.auth;

import org.jspecify.annotations.NullMarked;
