package dev.eksirsa.engine.api;

/** An input broke a rule; raised before any mutating call. */
public class InvalidInputException extends EksIrsaException {
    private final String field;
    private final String rule;

    public InvalidInputException(String field, String rule) {
        super("invalid " + field + ": " + rule);
        this.field = field;
        this.rule = printable(rule);
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    @Override
    public String type() {
        return "InvalidInput";
    }
}
