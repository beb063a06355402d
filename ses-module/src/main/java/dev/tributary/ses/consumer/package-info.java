/**
 * Consumers of SES sending events: {@link dev.tributary.ses.consumer.SesEventConsumer} polls an SQS queue,
 * {@link dev.tributary.ses.consumer.SesEventLambdaHandler} handles the same messages as a Lambda function; both
 * decode with {@link dev.tributary.ses.event.SesEvents}, apply a
 * {@link dev.tributary.ses.suppression.SuppressionPolicy} and call a
 * {@link dev.tributary.ses.consumer.SesEventHandler}.
 */
@NullMarked
package dev.tributary.ses.consumer;

import org.jspecify.annotations.NullMarked;
