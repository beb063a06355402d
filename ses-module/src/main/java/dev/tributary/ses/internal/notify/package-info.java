/**
 * JSON reading, SNS/SQS/EventBridge envelopes and the common {@code mail} object, shared by the parsers of
 * {@code ses.event} (sending events) and {@code ses.inbound} (receipt notifications), so neither public package
 * reaches into the other's {@code internal}. Unsupported, may change in any release.
 */
@NullMarked
package dev.tributary.ses.internal.notify;

import org.jspecify.annotations.NullMarked;
