package dev.tributary.ses.inbound;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The receipt-rule action that produced a notification. Which fields are set depends on {@link #type()}.
 *
 * @param type {@code S3}, {@code SNS}, {@code Lambda}, {@code Bounce}, {@code Stop}, {@code WorkMail} or
 *     {@code AddHeader}
 * @param topicArn the SNS topic notified, or null
 * @param bucketName the S3 bucket the message was written to ({@code S3}), or null
 * @param objectKeyPrefix the S3 key prefix ({@code S3}), or null
 * @param objectKey the S3 object key of the raw message ({@code S3}), or null
 * @param encoding how {@code content} is encoded ({@code SNS}): {@code UTF8} or {@code BASE64}, or null
 * @param functionArn the Lambda function invoked ({@code Lambda}), or null
 * @param invocationType {@code Event} or {@code RequestResponse} ({@code Lambda}), or null
 */
public record ReceiptAction(
        String type,
        @Nullable String topicArn,
        @Nullable String bucketName,
        @Nullable String objectKeyPrefix,
        @Nullable String objectKey,
        @Nullable String encoding,
        @Nullable String functionArn,
        @Nullable String invocationType) {

    /**
     * Returns where an {@code S3} action stored the raw message, as {@code s3://bucket/key}.
     *
     * @return the location, or empty for other actions
     */
    public Optional<String> s3Location() {
        return bucketName == null || objectKey == null
                ? Optional.empty() : Optional.of("s3://" + bucketName + "/" + objectKey);
    }
}
