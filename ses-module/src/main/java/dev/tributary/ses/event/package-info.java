/**
 * Typed Amazon SES sending events (bounces, complaints, deliveries, opens, clicks and more) parsed from
 * SNS notifications, SQS message bodies, EventBridge events or raw SES event records: start at
 * {@link dev.tributary.ses.event.SesEvents}.
 */
@NullMarked
package dev.tributary.ses.event;

import org.jspecify.annotations.NullMarked;
