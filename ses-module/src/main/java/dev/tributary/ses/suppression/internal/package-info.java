/** Implementation of SES suppression; unsupported, may change in any release. */
@NullMarked
package dev.tributary.ses.suppression.internal;

import org.jspecify.annotations.NullMarked;
