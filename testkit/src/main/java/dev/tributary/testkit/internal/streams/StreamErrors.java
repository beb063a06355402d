package dev.tributary.testkit.internal.streams;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Builds the SDK's own exception types the way the SDK unmarshals DynamoDB Streams errors: HTTP status 400, the
 * AWS error code in {@link AwsErrorDetails}, service name {@code DynamoDbStreams}, a request id. Callers'
 * classification ({@code instanceof}, {@code isThrottlingException()}, {@code errorCode()}) then works as on AWS.
 */
public final class StreamErrors {
    private static final String SERVICE = "DynamoDbStreams";
    private static final AtomicLong REQUESTS = new AtomicLong();

    private StreamErrors() {}

    /** GetRecords throttled: {@code LimitExceededException}. */
    public static LimitExceededException limitExceeded(String message) {
        return (LimitExceededException) fill(LimitExceededException.builder(), "LimitExceededException", message);
    }

    /** An iterator used after its lifetime: {@code ExpiredIteratorException}. */
    public static ExpiredIteratorException expiredIterator(String message) {
        return (ExpiredIteratorException) fill(ExpiredIteratorException.builder(), "ExpiredIteratorException", message);
    }

    /** A position older than the retention: {@code TrimmedDataAccessException}. */
    public static TrimmedDataAccessException trimmed(String message) {
        return (TrimmedDataAccessException) fill(
                TrimmedDataAccessException.builder(), "TrimmedDataAccessException", message);
    }

    /** An unknown stream or shard: {@code ResourceNotFoundException}. */
    public static ResourceNotFoundException notFound(String message) {
        return (ResourceNotFoundException) fill(ResourceNotFoundException.builder(), "ResourceNotFoundException", message);
    }

    /** A malformed request: a {@link DynamoDbException} with error code {@code ValidationException}. */
    public static DynamoDbException validation(String message) {
        return (DynamoDbException) fill(DynamoDbException.builder(), "ValidationException", message);
    }

    private static AwsServiceException fill(AwsServiceException.Builder b, String code, String message) {
        String requestId = UUID.nameUUIDFromBytes(("aws-shaped-streams-" + REQUESTS.incrementAndGet())
                .getBytes(StandardCharsets.UTF_8)).toString().replace("-", "").toUpperCase(Locale.ROOT);
        AwsErrorDetails details = AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName(SERVICE)
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).statusText("Bad Request")
                        .putHeader("x-amzn-RequestId", requestId).build())
                .build();
        // AwsServiceException.getMessage() appends "(Service: ..., Status Code: 400, Request ID: ...)" itself.
        return b.message(message)
                .statusCode(400)
                .numAttempts(1)
                .requestId(requestId)
                .awsErrorDetails(details)
                .build();
    }
}
