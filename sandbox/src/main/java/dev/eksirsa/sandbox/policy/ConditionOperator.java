package dev.eksirsa.sandbox.policy;

import java.util.Optional;

/** A condition operator as written: optional set qualifier, the comparison, optional IfExists suffix. */
record ConditionOperator(SetQualifier qualifier, ComparisonOperator comparison, boolean ifExists) {

    enum SetQualifier {
        NONE(""),
        FOR_ANY_VALUE("ForAnyValue:"),
        FOR_ALL_VALUES("ForAllValues:");

        private final String prefix;

        SetQualifier(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final String IF_EXISTS = "IfExists";

    /** Empty when IAM would not recognise the operator. */
    static Optional<ConditionOperator> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        SetQualifier qualifier = SetQualifier.NONE;
        String rest = text;
        for (SetQualifier q : SetQualifier.values()) {
            if (q != SetQualifier.NONE && rest.startsWith(q.prefix)) {
                qualifier = q;
                rest = rest.substring(q.prefix.length());
                break;
            }
        }
        boolean ifExists = rest.endsWith(IF_EXISTS) && rest.length() > IF_EXISTS.length();
        if (ifExists) {
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        SetQualifier finalQualifier = qualifier;
        return ComparisonOperator.byName(rest).map(c -> new ConditionOperator(finalQualifier, c, ifExists));
    }
}
