package org.c4j.cli.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One command's parsed arguments: positional values, options that take a value ({@code --port 4984} or
 * {@code --port=4984}) and flags ({@code --readonly}). A lone {@code --} ends the options: everything after it is
 * positional (for IDs or JSON starting with {@code --}).
 *
 * <p>Immutable after {@link #parse}; thread-safe.
 */
public final class CommandLine {
    /** What a command accepts: names of its positional arguments, its flags and its valued options (without "--"). */
    public record Spec(String synopsis, List<String> positionals, Set<String> flags, Set<String> options) {
    }

    private final Spec spec;
    private final List<String> positionals;
    private final Set<String> flags;
    private final Map<String, String> options;

    private CommandLine(Spec spec, List<String> positionals, Set<String> flags, Map<String, String> options) {
        this.spec = spec;
        this.positionals = positionals;
        this.flags = flags;
        this.options = options;
    }

    /** Parses {@code args} (the command name excluded) against {@code spec}; exactly the spec's positionals. */
    public static CommandLine parse(Spec spec, List<String> args) {
        List<String> pos = new ArrayList<>();
        Set<String> flags = new HashSet<>();
        Map<String, String> options = new HashMap<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnded || !a.startsWith("--")) {
                pos.add(a);
            } else if (a.equals("--")) {
                optionsEnded = true;
            } else {
                int eq = a.indexOf('=');
                String name = a.substring(2, eq < 0 ? a.length() : eq);
                if (spec.flags().contains(name)) {
                    if (eq >= 0) {
                        throw new UsageException("--" + name + " takes no value", spec.synopsis());
                    }
                    flags.add(name);
                } else if (spec.options().contains(name)) {
                    String value;
                    if (eq >= 0) {
                        value = a.substring(eq + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new UsageException("--" + name + " needs a value", spec.synopsis());
                    }
                    if (options.put(name, value) != null) {
                        throw new UsageException("--" + name + " given twice", spec.synopsis());
                    }
                } else {
                    throw new UsageException("unknown option --" + name, spec.synopsis());
                }
            }
        }
        if (pos.size() < spec.positionals().size()) {
            throw new UsageException("missing " + spec.positionals().get(pos.size()), spec.synopsis());
        }
        if (pos.size() > spec.positionals().size()) {
            throw new UsageException("unexpected argument '" + pos.get(spec.positionals().size()) + "'",
                    spec.synopsis());
        }
        return new CommandLine(spec, List.copyOf(pos), Set.copyOf(flags), Map.copyOf(options));
    }

    /** The positional argument with this name in the spec. */
    public String positional(String name) {
        int i = spec.positionals().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no positional " + name);
        }
        return positionals.get(i);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** The option's value, or null if absent. */
    public String option(String name) {
        return options.get(name);
    }

    /** A usage error for this command. */
    public UsageException usage(String message) {
        return new UsageException(message, spec.synopsis());
    }
}
