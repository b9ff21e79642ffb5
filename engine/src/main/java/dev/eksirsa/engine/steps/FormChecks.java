package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgType;
import dev.eksirsa.engine.api.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one field of a form the way a run would, without the network: the value is parsed over the step's
 * {@link Step#minimalArguments() minimal arguments} through the step's one parser, and only a complaint about that
 * field is reported (others belong to other fields' checks).
 */
public final class FormChecks {
    private FormChecks() {}

    /** The rule the value breaks, or empty; a blank value is left to the run (the field may be optional). */
    public static Optional<String> check(Step<?, ?> step, String field, String value) {
        Arg arg = step.arguments()
                .find(field)
                .orElseThrow(() -> new IllegalArgumentException(step.pipelineName() + " has no argument " + field));
        if (value == null || value.isBlank()) {
            return arg.required() ? Optional.of("is required") : Optional.empty();
        }
        Map<String, Object> arguments = new LinkedHashMap<>(step.minimalArguments());
        arguments.put(field, typed(arg, value.trim()));
        try {
            step.parse(arguments);
            return Optional.empty();
        } catch (InvalidInputException e) {
            boolean aboutField = e.field().equals(field)
                    || e.field().startsWith(field + "[")
                    || e.field().startsWith(field + ".");
            return aboutField ? Optional.of(e.rule()) : Optional.empty();
        }
    }

    /** Form text in the argument's type: a number for integers, one item per line for lists. */
    static Object typed(Arg arg, String text) {
        if (arg.type() == ArgType.INTEGER) {
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (arg.type() == ArgType.LIST) {
            return text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        }
        return text;
    }
}
