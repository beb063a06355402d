package dev.tributary.examples.welcome;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The example's command line: an optional command word followed by {@code --name value} flags and the
 * switches {@code --json} and {@code --enforce}. Immutable.
 */
public final class Flags {
    private static final Set<String> SWITCHES = Set.of("json", "enforce");

    private final String command;
    private final Map<String, String> values;

    private Flags(String command, Map<String, String> values) {
        this.command = command;
        this.values = Map.copyOf(values);
    }

    /**
     * Parses the arguments.
     *
     * @param args the arguments as given to {@code main}
     * @param defaultCommand the command when none is given
     * @param usage the usage line for error messages
     * @return the flags
     * @throws IllegalArgumentException with the usage line when an argument is malformed
     */
    public static Flags parse(String[] args, String defaultCommand, String usage) {
        List<String> list = List.of(args);
        int i = 0;
        String command = defaultCommand;
        if (!list.isEmpty() && !list.get(0).startsWith("--")) {
            command = list.get(0);
            i = 1;
        }
        Map<String, String> values = new HashMap<>();
        for (; i < list.size(); i++) {
            String a = list.get(i);
            if (!a.startsWith("--") || a.length() < 3) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; usage: " + usage);
            }
            String name = a.substring(2);
            if (SWITCHES.contains(name)) {
                values.put(name, "true");
            } else if (i + 1 < list.size()) {
                values.put(name, list.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value; usage: " + usage);
            }
        }
        return new Flags(command, values);
    }

    /** Returns the command word. */
    public String command() {
        return command;
    }

    /** Returns a flag's value, if given. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Returns a flag's value or a default. */
    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** Returns a flag's value or fails naming it. */
    public String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required for '" + command + "'");
        }
        return v;
    }

    /** Returns whether a switch such as {@code --json} is on. */
    public boolean on(String name) {
        return values.containsKey(name);
    }
}
