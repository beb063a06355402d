package dev.tributary.dynamo.kcl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkClient;

/**
 * A stand-in for an AWS SDK client the user built, for tests of who calls and who closes what. It counts every
 * call by method name; a method given a fixed {@linkplain #answer answer} returns it, any other goes to the real
 * client it wraps (if any), except {@code close()}, which is only counted: the real client belongs to the test.
 * One dynamic proxy serves every client interface, so the sync, async and Streams stand-ins cannot drift apart.
 * Thread-safe: the capture may close clients on a background thread.
 *
 * @param <C> the client interface
 */
public final class CountingClient<C extends SdkClient> {
    private final String type;
    private final C client;
    private final @Nullable C delegate;
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private CountingClient(Class<C> type, @Nullable C delegate) {
        this.type = type.getSimpleName();
        this.delegate = delegate;
        this.client = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> invoke(proxy, method, args)));
    }

    /**
     * Returns a stand-in that passes calls to {@code delegate}, but never closes it.
     *
     * @param type the client interface
     * @param delegate a real client
     * @param <C> the client interface
     * @return the stand-in
     */
    public static <C extends SdkClient> CountingClient<C> wrapping(Class<C> type, C delegate) {
        return new CountingClient<>(type, delegate);
    }

    /**
     * Returns a stand-in without a real client: only methods given an {@linkplain #answer answer} (and
     * {@code close()}) work; any other fails with {@link UnsupportedOperationException}.
     *
     * @param type the client interface
     * @param <C> the client interface
     * @return the stand-in
     */
    public static <C extends SdkClient> CountingClient<C> answering(Class<C> type) {
        return new CountingClient<>(type, null);
    }

    /**
     * Makes every overload of {@code method} return {@code value} instead of reaching the real client.
     *
     * @param method the method name, for example {@code "describeStream"}
     * @param value what it returns (a completed future for an asynchronous client)
     * @return this
     */
    public CountingClient<C> answer(String method, Object value) {
        answers.put(method, value);
        return this;
    }

    /** Returns the stand-in client to hand to the code under test. */
    public C client() {
        return client;
    }

    /**
     * Returns how often a method (any overload) was called.
     *
     * @param method the method name, for example {@code "close"}
     * @return the number of calls
     */
    public int calls(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    private @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "CountingClient[" + type + "]";
            };
        }
        calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        Object answer = answers.get(name);
        if (answer != null) {
            return answer;
        }
        if ("close".equals(name) && method.getParameterCount() == 0) {
            return null;
        }
        if (delegate == null) {
            throw new UnsupportedOperationException("No answer for " + name + " in this test");
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
