package dev.tributary.examples.productsearch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed command line: a subcommand, its positional arguments and {@code --flag value} /
 * {@code --switch} options. Immutable.
 */
final class Options {
    private static final Set<String> VALUED = Set.of("dynamo-endpoint", "opensearch-url", "table", "index",
            "aws-region", "size", "products");
    private static final Set<String> SWITCHES = Set.of("json", "follow", "ansi", "no-backfill", "help");

    private final String command;
    private final List<String> positional;
    private final Map<String, String> values;
    private final Set<String> switches;

    private Options(String command, List<String> positional, Map<String, String> values, Set<String> switches) {
        this.command = command;
        this.positional = List.copyOf(positional);
        this.values = Map.copyOf(values);
        this.switches = Set.copyOf(switches);
    }

    /**
     * Parses {@code args}.
     *
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming the unknown flag or the missing value
     */
    static Options parse(String... args) {
        String command = "";
        List<String> positional = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        java.util.HashSet<String> switches = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h")) {
                switches.add("help");
            } else if (a.startsWith("--")) {
                String name = a.substring(2);
                String inline = null;
                if (name.contains("=")) {
                    inline = name.substring(name.indexOf('=') + 1);
                    name = name.substring(0, name.indexOf('='));
                }
                if (SWITCHES.contains(name)) {
                    switches.add(name);
                } else if (VALUED.contains(name)) {
                    if (inline == null && i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    values.put(name, inline != null ? inline : args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown flag --" + name + " (see --help)");
                }
            } else if (command.isEmpty()) {
                command = a;
            } else {
                positional.add(a);
            }
        }
        return new Options(command, positional, values, switches);
    }

    /** Returns the subcommand, or "" when none was given. */
    String command() {
        return command;
    }

    /** Returns the positional arguments after the subcommand. */
    List<String> positional() {
        return positional;
    }

    /** Returns a flag's value. */
    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Returns a flag's value or {@code fallback}. */
    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Returns whether a switch such as {@code --json} was given. */
    boolean has(String name) {
        return switches.contains(name);
    }
}
