/**
 * Runs core {@link dev.tributary.core.ChangeHandler}s inside AWS Lambda functions subscribed to DynamoDB
 * streams: {@link dev.tributary.dynamo.lambda.DynamoDbLambdaAdapter} converts the Lambda event's records and
 * answers with a partial batch response. Needs {@code com.amazonaws:aws-lambda-java-events} at run time,
 * which Tributary declares optional (Lambda functions package it themselves).
 */
@NullMarked
package dev.tributary.dynamo.lambda;

import org.jspecify.annotations.NullMarked;
