/** Implementation of the sender-domain checks (DNS access, SPF, DKIM and DMARC logic); unsupported, may change. */
@NullMarked
package dev.tributary.ses.auth.internal;

import org.jspecify.annotations.NullMarked;
