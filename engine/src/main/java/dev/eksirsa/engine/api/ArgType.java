package dev.eksirsa.engine.api;

/** The kinds of value a step argument takes; the same from flags, {@code --spec}, Jenkins fields and apply files. */
public enum ArgType {
    STRING("string"),
    BOOLEAN("boolean"),
    INTEGER("integer"),
    /** Written like {@code 500ms}, {@code 90s}, {@code 20m}, {@code 1h}. */
    DURATION("duration"),
    /** A list of strings. */
    LIST("list of strings"),
    /** String keys to string values. */
    MAP("map of strings"),
    /** Names to JSON documents, each written as a JSON string or as a nested map. */
    DOCUMENTS("map of JSON documents"),
    /** One nested map with its own declared keys. */
    OBJECT("map"),
    /** A list of nested maps with their own declared keys. */
    OBJECT_LIST("list of maps");

    private final String text;

    ArgType(String text) {
        this.text = text;
    }

    /** How the docs and error messages name the type. */
    public String text() {
        return text;
    }

    public boolean nested() {
        return this == OBJECT || this == OBJECT_LIST;
    }
}
