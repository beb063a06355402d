package dev.tributary.dynamo.lambda.internal;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.tributary.core.TributaryValidationException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Converts the Lambda events library's DynamoDB stream records (its own copy of the SDK v1 model) into SDK
 * v2 {@link Record}s, so one mapper serves both the polling engine and Lambda.
 */
public final class LambdaRecords {
    private LambdaRecords() {}

    /**
     * Converts one record; fields the Lambda record lacks stay unset.
     *
     * @param r the Lambda record
     * @return the SDK v2 record
     * @throws TributaryValidationException when an attribute value has no type set
     */
    public static Record toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.Record r) {
        Record.Builder b = Record.builder()
                .eventID(r.getEventID())
                .eventName(r.getEventName())
                .eventVersion(r.getEventVersion())
                .eventSource(r.getEventSource())
                .awsRegion(r.getAwsRegion());
        StreamRecord d = r.getDynamodb();
        if (d != null) {
            b.dynamodb(toSdk(d));
        }
        Identity identity = r.getUserIdentity();
        if (identity != null) {
            b.userIdentity(i -> i.principalId(identity.getPrincipalId()).type(identity.getType()));
        }
        return b.build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.StreamRecord toSdk(StreamRecord d) {
        software.amazon.awssdk.services.dynamodb.model.StreamRecord.Builder b =
                software.amazon.awssdk.services.dynamodb.model.StreamRecord.builder()
                        .sequenceNumber(d.getSequenceNumber())
                        .sizeBytes(d.getSizeBytes())
                        .streamViewType(d.getStreamViewType());
        Date created = d.getApproximateCreationDateTime();
        if (created != null) {
            b.approximateCreationDateTime(created.toInstant());
        }
        if (d.getKeys() != null) {
            b.keys(toSdk(d.getKeys(), "keys"));
        }
        if (d.getNewImage() != null) {
            b.newImage(toSdk(d.getNewImage(), "newImage"));
        }
        if (d.getOldImage() != null) {
            b.oldImage(toSdk(d.getOldImage(), "oldImage"));
        }
        return b.build();
    }

    /**
     * Converts an attribute map, keeping its order.
     *
     * @param attributes the Lambda attribute values
     * @param path names the map in error messages
     * @return the SDK v2 attribute values
     */
    public static Map<String, AttributeValue> toSdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> attributes,
            String path) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        attributes.forEach((name, v) -> out.put(name, toSdk(v, path + "." + name)));
        return out;
    }

    /**
     * Converts one attribute value of any type: S, N, B, SS, NS, BS, M, L, NULL or BOOL.
     *
     * @param v the Lambda attribute value
     * @param path names the attribute in error messages
     * @return the SDK v2 attribute value
     * @throws TributaryValidationException when no type is set
     */
    public static AttributeValue toSdk(
            com.amazonaws.services.lambda.runtime.events.models.dynamodb.@Nullable AttributeValue v, String path) {
        if (v == null) {
            throw TributaryValidationException.of(path, "has no attribute value");
        }
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getB() != null) {
            return AttributeValue.fromB(bytes(v.getB()));
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(List.copyOf(v.getSS()));
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(List.copyOf(v.getNS()));
        }
        if (v.getBS() != null) {
            List<SdkBytes> set = new ArrayList<>(v.getBS().size());
            v.getBS().forEach(bb -> set.add(bytes(bb)));
            return AttributeValue.fromBs(set);
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(toSdk(v.getM(), path));
        }
        if (v.getL() != null) {
            return AttributeValue.fromL(list(v.getL(), path));
        }
        if (v.getNULL() != null) {
            return AttributeValue.fromNul(v.getNULL());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        throw TributaryValidationException.of(
                path, "has no type: one of S, N, B, SS, NS, BS, M, L, NULL or BOOL must be set");
    }

    private static List<AttributeValue> list(
            Collection<com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> values,
            String path) {
        List<AttributeValue> out = new ArrayList<>(values.size());
        int i = 0;
        for (var v : values) {
            out.add(toSdk(v, path + "[" + i++ + "]"));
        }
        return out;
    }

    private static SdkBytes bytes(ByteBuffer buffer) {
        // duplicate(): reading must not move the caller's buffer, which Lambda may reuse.
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return SdkBytes.fromByteArray(out);
    }
}
