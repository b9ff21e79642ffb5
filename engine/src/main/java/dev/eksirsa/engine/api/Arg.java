package dev.eksirsa.engine.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One declared step argument: its {@code --spec} key and Jenkins argument name, its type, whether it is required
 * or what its default is, a one-line description, whether it is secret, and the CLI flag that sets it (null when
 * only a spec file or the Jenkins step can).
 *
 * @param defaultValue the typed value used when the key is absent; null for none
 * @param defaultText how the docs show the default (may describe a computed one); empty for none
 * @param nested the keys and rules of a nested map ({@link ArgType#OBJECT}, {@link ArgType#OBJECT_LIST}); null otherwise
 */
public record Arg(
        String name,
        ArgType type,
        boolean required,
        Object defaultValue,
        String defaultText,
        String description,
        boolean secret,
        String flag,
        String flagLabel,
        ArgumentSet nested) {
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern FLAG = Pattern.compile("--[a-z][a-z0-9-]*");

    public Arg {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("argument name must be camelCase: " + name);
        }
        Objects.requireNonNull(type, "type");
        if (description == null || description.isBlank() || description.contains("\n")) {
            throw new IllegalArgumentException("argument " + name + " needs a one-line description");
        }
        if (flag != null && !FLAG.matcher(flag).matches()) {
            throw new IllegalArgumentException("flag of " + name + " must look like --kebab-case: " + flag);
        }
        defaultText = defaultText == null ? "" : defaultText;
        if (type.nested() == (nested == null)) {
            throw new IllegalArgumentException(
                    "argument " + name + ": nested keys go with OBJECT and OBJECT_LIST only");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("argument " + name + " cannot be both required and defaulted");
        }
    }

    public static Arg of(String name, ArgType type, String description) {
        return new Arg(name, type, false, null, "", description, false, null, null, null);
    }

    public static Arg string(String name, String description) {
        return of(name, ArgType.STRING, description);
    }

    public static Arg bool(String name, String description) {
        return of(name, ArgType.BOOLEAN, description).defaultsTo(false, "false");
    }

    public static Arg object(String name, String description, ArgumentSet keys) {
        return new Arg(name, ArgType.OBJECT, false, null, "", description, false, null, null, keys);
    }

    public static Arg objectList(String name, String description, ArgumentSet keys) {
        return new Arg(name, ArgType.OBJECT_LIST, false, null, "", description, false, null, null, keys);
    }

    public Arg flag(String value, String label) {
        return new Arg(name, type, required, defaultValue, defaultText, description, secret, value, label, nested);
    }

    public Arg flag(String value) {
        return flag(value, null);
    }

    public Arg asRequired() {
        return new Arg(name, type, true, null, defaultText, description, secret, flag, flagLabel, nested);
    }

    public Arg defaultsTo(Object value, String text) {
        return new Arg(name, type, required, value, text, description, secret, flag, flagLabel, nested);
    }

    /** A default computed at run time, only described. */
    public Arg defaultText(String text) {
        return new Arg(name, type, required, defaultValue, text, description, secret, flag, flagLabel, nested);
    }

    public Arg asSecret() {
        return new Arg(name, type, required, defaultValue, defaultText, description, true, flag, flagLabel, nested);
    }

    /** Whether the flag also has a {@code --no-} form: booleans that default to true. */
    public boolean negatable() {
        return type == ArgType.BOOLEAN && Boolean.TRUE.equals(defaultValue);
    }

    /** The flag as help and docs show it: {@code --[no-]name} for a negatable one. */
    public String flagDisplay() {
        return flag == null ? null : negatable() ? "--[no-]" + flag.substring(2) : flag;
    }

    /** Whether a flag given on its own (no value) sets it: booleans. */
    public boolean isSwitch() {
        return type == ArgType.BOOLEAN;
    }

    /** Names the declaration; {@code secret} is a flag, not a secret, but the record's own toString would not say so. */
    @Override
    public String toString() {
        return "Arg[" + name + ": " + type.text() + (secret ? ", secret" : "") + (flag == null ? "" : ", " + flag)
                + "]";
    }
}
