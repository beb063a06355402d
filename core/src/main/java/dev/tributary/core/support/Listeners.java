package dev.tributary.core.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Tributary calls user listeners ({@code SesMailerListener}, {@code CaptureListener},
 * {@code BulkListener}, ...): a listener that throws is logged at WARN and ignored, so observing the library can
 * never break a send, a batch or a bulk request; and two listeners combine into one that calls both.
 *
 * <p>Listener interfaces are plain interfaces of {@code void} callbacks with default no-op bodies, so one
 * dynamic proxy serves all of them; the reflective call costs about a microsecond, which is nothing next to the
 * network call every callback reports.
 */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {}

    /**
     * Returns a view of {@code listener} whose callbacks never throw: a {@link RuntimeException} or
     * {@link Error} other than {@link VirtualMachineError} is logged at WARN with the listener type and method,
     * and swallowed.
     *
     * @param type the listener interface
     * @param listener the user's listener
     * @param <L> the listener type
     * @return the guarded listener; {@code listener} itself when it is already guarded
     */
    public static <L> L guarded(Class<L> type, L listener) {
        Objects.requireNonNull(listener, "listener");
        if (Proxy.isProxyClass(listener.getClass()) && Proxy.getInvocationHandler(listener) instanceof Guard) {
            return listener;
        }
        return proxy(type, new Guard(type, listener));
    }

    /**
     * Returns a listener that calls {@code first}, then {@code second}, for every callback. {@code second} is
     * called even when {@code first} throws; the first exception is rethrown after both ran.
     *
     * @param type the listener interface
     * @param first called first
     * @param second called second
     * @param <L> the listener type
     * @return the combined listener
     */
    public static <L> L both(Class<L> type, L first, L second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        return proxy(type, new Both(first, second));
    }

    private static <L> L proxy(Class<L> type, InvocationHandler handler) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static @Nullable Object objectMethod(Object self, Method method, @Nullable Object[] args,
            Object description) {
        return switch (method.getName()) {
            case "equals" -> args != null && args.length == 1 && self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            default -> description.toString();
        };
    }

    private static @Nullable Object defaultValue(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return type == long.class ? 0L : type == double.class ? 0d : type == float.class ? 0f : type == int.class
                ? 0 : type == short.class ? (short) 0 : (byte) 0;
    }

    private static Throwable unwrap(InvocationTargetException e) {
        return e.getCause() != null ? e.getCause() : e;
    }

    /** Swallows and logs what a listener throws. */
    private record Guard(Class<?> type, Object delegate) implements InvocationHandler {
        @Override
        public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, "guarded " + delegate);
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                Throwable cause = unwrap(e);
                if (cause instanceof VirtualMachineError) {
                    throw cause;
                }
                LOG.warn("{}.{} threw; ignored", type.getSimpleName(), method.getName(), cause);
                return defaultValue(method.getReturnType());
            }
        }
    }

    /** Calls two listeners in order. */
    private record Both(Object first, Object second) implements InvocationHandler {
        @Override
        public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, "both(" + first + ", " + second + ")");
            }
            Throwable failure = null;
            Object result = null;
            try {
                result = method.invoke(first, args);
            } catch (InvocationTargetException e) {
                failure = unwrap(e);
            }
            try {
                method.invoke(second, args);
            } catch (InvocationTargetException e) {
                if (failure == null) {
                    failure = unwrap(e);
                } else {
                    failure.addSuppressed(unwrap(e));
                }
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
