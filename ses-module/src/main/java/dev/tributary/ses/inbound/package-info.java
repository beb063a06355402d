/**
 * Inbound mail received by SES receipt rules: typed receipt notifications
 * ({@link dev.tributary.ses.inbound.InboundNotifications}), MIME parsing
 * ({@link dev.tributary.ses.inbound.InboundMessage}) and local DKIM verification
 * ({@link dev.tributary.ses.inbound.DkimVerifier}).
 */
@NullMarked
package dev.tributary.ses.inbound;

import org.jspecify.annotations.NullMarked;
