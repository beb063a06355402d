package dev.tributary.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenersTest {
    /** A listener shaped like Tributary's: void callbacks with default no-op bodies. */
    public interface Probe {
        default void onEvent(String name) {}

        default void onOther(int n) {}
    }

    @Test
    void guarded_listenerThrows_callReturnsNormally() {
        List<String> seen = new ArrayList<>();
        Probe throwing = new Probe() {
            @Override
            public void onEvent(String name) {
                seen.add(name);
                throw new IllegalStateException("boom");
            }
        };

        Probe guarded = Listeners.guarded(Probe.class, throwing);
        guarded.onEvent("a");
        guarded.onOther(1);

        assertThat(seen).containsExactly("a");
    }

    @Test
    void guarded_alreadyGuarded_returnsSameInstance() {
        Probe guarded = Listeners.guarded(Probe.class, new Probe() {});

        assertThat(Listeners.guarded(Probe.class, guarded)).isSameAs(guarded);
    }

    @Test
    void both_firstThrows_secondStillCalledAndFirstErrorRethrown() {
        List<String> seen = new ArrayList<>();
        Probe first = new Probe() {
            @Override
            public void onEvent(String name) {
                seen.add("first:" + name);
                throw new IllegalStateException("first failed");
            }
        };
        Probe second = new Probe() {
            @Override
            public void onEvent(String name) {
                seen.add("second:" + name);
            }
        };

        Probe both = Listeners.both(Probe.class, first, second);

        assertThatThrownBy(() -> both.onEvent("x")).isInstanceOf(IllegalStateException.class)
                .hasMessage("first failed");
        assertThat(seen).containsExactly("first:x", "second:x");
    }

    @Test
    void both_defaultMethods_bothCalledInOrder() {
        List<String> seen = new ArrayList<>();
        Probe both = Listeners.both(Probe.class, new Probe() {
            @Override
            public void onOther(int n) {
                seen.add("1:" + n);
            }
        }, new Probe() {
            @Override
            public void onOther(int n) {
                seen.add("2:" + n);
            }
        });

        both.onOther(7);
        both.onEvent("ignored");

        assertThat(seen).containsExactly("1:7", "2:7");
        assertThat(both.toString()).startsWith("both(");
    }
}
