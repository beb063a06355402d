package dev.tributary.dynamo.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Date;

/**
 * Reads Lambda's DynamoDB stream event JSON into the events library's {@link DynamodbEvent}, the way the Lambda
 * Java runtime does: property names match case-insensitively ({@code "Records"}, {@code "NewImage"},
 * {@code "S"}), unknown properties are ignored, and {@code ApproximateCreationDateTime} is epoch seconds.
 */
final class LambdaEventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule().addDeserializer(Date.class, new EpochSeconds()))
            .build();

    private LambdaEventJson() {}

    static DynamodbEvent read(String resource) {
        try (InputStream in = LambdaEventJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return MAPPER.readValue(in, DynamodbEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lambda writes dates as epoch seconds (possibly with a fraction); Jackson's default reads millis. */
    private static final class EpochSeconds extends StdDeserializer<Date> {
        private static final long serialVersionUID = 1L;

        EpochSeconds() {
            super(Date.class);
        }

        @Override
        public Date deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return new Date(p.getDecimalValue().movePointRight(3).longValue());
        }
    }
}
