/** Immutable, validated value types of the SES facade: e-mails, addresses, attachments, templates, results. */
@NullMarked
package dev.tributary.ses.model;

import org.jspecify.annotations.NullMarked;
