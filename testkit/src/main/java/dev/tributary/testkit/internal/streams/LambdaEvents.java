package dev.tributary.testkit.internal.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Converts SDK v2 stream records into the Lambda events library's {@link DynamodbEvent}, as the event source
 * mapping delivers them. Only this class touches {@code aws-lambda-java-events}, so the rest of the rig loads
 * without it.
 */
public final class LambdaEvents {
    private LambdaEvents() {}

    /**
     * Wraps each batch in one event.
     *
     * @param batches records, one list per event
     * @param streamArn set as every record's {@code eventSourceARN}
     * @return one event per batch, in order
     */
    public static List<DynamodbEvent> of(List<List<Record>> batches, String streamArn) {
        String region = region(streamArn);
        List<DynamodbEvent> events = new ArrayList<>(batches.size());
        for (List<Record> batch : batches) {
            List<DynamodbStreamRecord> records = new ArrayList<>(batch.size());
            for (Record r : batch) {
                records.add(toLambda(r, streamArn, region));
            }
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(records);
            events.add(event);
        }
        return events;
    }

    private static DynamodbStreamRecord toLambda(Record r, String streamArn, String region) {
        DynamodbStreamRecord out = new DynamodbStreamRecord();
        out.setEventSourceARN(streamArn);
        out.setEventID(r.eventID());
        out.setEventName(r.eventNameAsString());
        out.setEventVersion(r.eventVersion() == null ? "1.1" : r.eventVersion());
        out.setEventSource(r.eventSource() == null ? "aws:dynamodb" : r.eventSource());
        out.setAwsRegion(r.awsRegion() == null ? region : r.awsRegion());
        if (r.userIdentity() != null) {
            out.setUserIdentity(new Identity().withPrincipalId(r.userIdentity().principalId())
                    .withType(r.userIdentity().type()));
        }
        StreamRecord d = r.dynamodb();
        com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord s =
                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord()
                        .withSequenceNumber(d.sequenceNumber())
                        .withSizeBytes(d.sizeBytes());
        Instant created = d.approximateCreationDateTime();
        if (created != null) {
            // Lambda's JSON carries epoch seconds.
            s.setApproximateCreationDateTime(Date.from(created.truncatedTo(ChronoUnit.SECONDS)));
        }
        if (d.streamViewType() != null) {
            s.setStreamViewType(StreamViewType.fromValue(d.streamViewTypeAsString()));
        }
        if (d.hasKeys()) {
            s.setKeys(map(d.keys()));
        }
        if (d.hasNewImage()) {
            s.setNewImage(map(d.newImage()));
        }
        if (d.hasOldImage()) {
            s.setOldImage(map(d.oldImage()));
        }
        out.setDynamodb(s);
        return out;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> map(
            Map<String, AttributeValue> in) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out =
                new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(bytes(v.b()));
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(LambdaEvents::bytes).toList());
            case M -> out.setM(map(v.m()));
            case L -> out.setL(v.l().stream().map(LambdaEvents::value).toList());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(v.nul());
            default -> throw new IllegalArgumentException("Attribute value of unknown type " + v.type());
        }
        return out;
    }

    private static ByteBuffer bytes(SdkBytes b) {
        return ByteBuffer.wrap(b.asByteArray());
    }

    /** The region of an ARN such as {@code arn:aws:dynamodb:us-east-1:...}; DynamoDB Local's says ddblocal. */
    static String region(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "us-east-1";
    }
}
