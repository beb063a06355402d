package dev.tributary.dynamo.kcl.internal;

import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * Makes one KCL worker vanish the way a killed process does, for {@code KclChangeCapture.abort()}. Once
 * {@linkplain #trip tripped}, every call through the {@linkplain #guard guarded} AWS clients fails without reaching
 * AWS (so no lease renewal, checkpoint, lease release, leader-lock release or worker-metrics report lands) and the
 * {@linkplain #processors guarded} shard processors ignore every further callback, so no handler is called.
 * {@link #awaitIdle} returns once no callback that entered before is still running. Thread-safe.
 */
public final class KillSwitch {
    private static final Set<String> ALWAYS_ALLOWED =
            Set.of("serviceName", "serviceClientConfiguration", "toString", "hashCode", "equals");

    private volatile boolean tripped;
    private int inFlight;

    /** Creates a switch that is not tripped. */
    public KillSwitch() {}

    /**
     * Returns whether {@link #trip} was called.
     *
     * @return true once tripped
     */
    public boolean tripped() {
        return tripped;
    }

    /**
     * Wraps an AWS client interface: calls pass through until the switch trips, then fail with a
     * {@link DynamoDbException} (status 503), as an asynchronous failed future for methods returning one.
     * {@code close()} never reaches the client; its owner closes it.
     *
     * @param type the client interface
     * @param client the client
     * @param <C> the client type
     * @return the guarded client
     */
    public <C> C guard(Class<C> type, C client) {
        InvocationHandler handler = (proxy, method, args) -> invoke(client, method, args);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /**
     * Wraps the runtime's processor factory so that each processor ignores KCL's callbacks once tripped.
     *
     * @param runtime the runtime
     * @return the guarded factory
     */
    public ShardRecordProcessorFactory processors(KclRuntime<?> runtime) {
        return () -> guard((DynamoDBStreamsShardRecordProcessor) runtime.shardRecordProcessor());
    }

    /** Trips the switch: from now on guarded clients fail and guarded processors ignore KCL. Idempotent. */
    public void trip() {
        tripped = true;
    }

    /**
     * Waits up to {@code wait} until no processor callback that entered before {@link #trip} is still running.
     *
     * @param wait the longest wait
     * @return true when none is running any more
     */
    public synchronized boolean awaitIdle(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return inFlight == 0;
            }
        }
        return true;
    }

    private synchronized boolean enter() {
        if (tripped) {
            return false;
        }
        inFlight++;
        return true;
    }

    private synchronized void exit() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    private Object invoke(Object client, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if ("close".equals(name) && method.getParameterCount() == 0) {
            return null;
        }
        if (tripped && !ALWAYS_ALLOWED.contains(name)) {
            DynamoDbException gone = (DynamoDbException) DynamoDbException.builder()
                    .message("This KCL worker was aborted; its calls no longer reach AWS").statusCode(503).build();
            if (CompletableFuture.class.isAssignableFrom(method.getReturnType())) {
                return CompletableFuture.failedFuture(gone);
            }
            throw gone;
        }
        try {
            return method.invoke(client, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Passes KCL's callbacks to the real processor until the switch trips. */
    private final class Guarded implements DynamoDBStreamsShardRecordProcessor {
        private final DynamoDBStreamsShardRecordProcessor delegate;

        Guarded(DynamoDBStreamsShardRecordProcessor delegate) {
            this.delegate = delegate;
        }

        @Override
        public void initialize(InitializationInput input) {
            guarded(() -> delegate.initialize(input));
        }

        @Override
        public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
            guarded(() -> delegate.processRecords(input));
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            guarded(() -> delegate.leaseLost(input));
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            guarded(() -> delegate.shardEnded(input));
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            guarded(() -> delegate.shutdownRequested(input));
        }

        private void guarded(Runnable callback) {
            if (!enter()) {
                return;
            }
            try {
                callback.run();
            } finally {
                exit();
            }
        }
    }

    /** Wraps one processor as {@link #processors} does. */
    DynamoDBStreamsShardRecordProcessor guard(DynamoDBStreamsShardRecordProcessor delegate) {
        return new Guarded(delegate);
    }
}
