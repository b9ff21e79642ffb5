package dev.eksirsa.cli;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.steps.Step;
import dev.eksirsa.engine.steps.Steps;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command line picocli could not parse, as bad input that names the step argument (the {@code tags} of
 * {@code --tag}) and the rule. picocli's own messages quote the value given ({@code but was wJalr…}); a value may be
 * a secret pasted in the wrong place, so only flag names are ever shown.
 */
final class FlagErrors {
    private static final Pattern FLAG = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]*");

    private FlagErrors() {}

    static InvalidInputException of(CommandLine.ParameterException ex) {
        CommandLine command = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> shown = unmatched.getUnmatched().stream()
                    .map(arg -> FLAG.matcher(arg.split("=", 2)[0]).matches()
                            ? arg.split("=", 2)[0]
                            : "(a value, not shown)")
                    .collect(Collectors.toList());
            return new InvalidInputException(
                    "arguments",
                    "Unknown option: " + shown.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + " ("
                            + command.getCommandSpec().qualifiedName() + " takes options only)");
        }
        if (ex instanceof CommandLine.MissingParameterException missing
                && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return new InvalidInputException(
                    declaredName(command.getCommandName(), option.longestName()),
                    option.longestName() + " needs a value (" + expected(option) + ")");
        }
        if (!(ex.getArgSpec() instanceof OptionSpec option)) {
            return new InvalidInputException(
                    "arguments", "cannot be parsed (" + ex.getClass().getSimpleName() + ")");
        }
        String flag = option.longestName();
        String field = declaredName(command.getCommandName(), flag);
        return new InvalidInputException(field, "Invalid value for " + flag + ": must be " + expected(option));
    }

    /** The step argument a flag sets, else the flag in camelCase ({@code --write-kubeconfig}: writeKubeconfig). */
    private static String declaredName(String command, String flag) {
        return Steps.all().stream()
                .filter(s -> s.command().equals(command))
                .map(Step::arguments)
                .flatMap(a -> a.args().stream())
                .filter(a -> flag.equals(a.flag()))
                .map(Arg::name)
                .findFirst()
                .orElseGet(() -> camelCase(flag));
    }

    private static String expected(OptionSpec option) {
        Class<?> type = option.type();
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "given as " + option.paramLabel();
    }

    private static String camelCase(String flag) {
        String[] words = flag.replaceFirst("^-+", "").split("-");
        StringBuilder field = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            if (!words[i].isEmpty()) {
                field.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
        }
        return field.toString();
    }
}
