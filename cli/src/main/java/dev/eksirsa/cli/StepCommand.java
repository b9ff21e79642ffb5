package dev.eksirsa.cli;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgType;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.StepResult;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.steps.Step;
import dev.eksirsa.engine.steps.StepContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A step as a command: its flags are made from the step's argument declarations (so {@code --help} cannot drift
 * from them), flags and {@code --spec} become one argument map (flags override), and the engine's one parser and
 * run do the rest. Besides the step's own, each command has {@code --spec}, {@code --output},
 * {@code --detailed-exitcode} and what {@link Extras} adds.
 */
final class StepCommand<S, R extends StepResult> implements Callable<Integer> {
    private final Step<S, R> step;
    private final Extras<S, R> extras;
    private final CliIo io;
    private final PrintStream out;
    private final PrintStream err;
    private CommandSpec command;

    /** What one command adds around its step: more flags, checks before any call, work after, its text summary. */
    interface Extras<S, R> {
        default List<OptionSpec> options() {
            return List.of();
        }

        /** Takes this command's own keys out of a {@code --spec} map (they are not step arguments). */
        default void takeSpecKeys(Map<String, Object> spec, ParseResult flags) {}

        /** Runs after parsing and before any call. */
        default void check(S spec, ParseResult flags) {}

        /** Runs after a successful step. */
        default void after(S spec, R result, PrintStream err) {}

        void printText(R result, PrintStream out);
    }

    private StepCommand(Step<S, R> step, Extras<S, R> extras, CliIo io) {
        this.step = step;
        this.extras = extras;
        this.io = io;
        this.out = io.out();
        this.err = io.err();
    }

    static <S, R extends StepResult> CommandLine commandLine(
            Step<S, R> step, Extras<S, R> extras, CliIo io, String summary, String... description) {
        StepCommand<S, R> runner = new StepCommand<>(step, extras, io);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(runner);
        spec.name(step.command()).mixinStandardHelpOptions(true);
        // the summary is the command list's one line; the description the command's own help
        spec.usageMessage()
                .header(summary)
                .description(String.join(" ", description))
                .width(100);
        for (Arg arg : step.arguments().args()) {
            if (arg.flag() != null) {
                spec.addOption(option(arg));
            }
        }
        spec.addOption(OptionSpec.builder("--detailed-exitcode")
                .arity("0")
                .type(boolean.class)
                .description("With --dry-run: exit 3 when the plan has changes.")
                .build());
        spec.addOption(OptionSpec.builder("--output")
                .paramLabel("text|json")
                .type(String.class)
                .defaultValue("text")
                .description("Output format (default: text); json prints exactly the result map.")
                .build());
        spec.addOption(OptionSpec.builder("--spec")
                .paramLabel("FILE")
                .type(Path.class)
                .description("YAML or JSON with the Jenkins step's argument names; flags override it.")
                .build());
        extras.options().forEach(spec::addOption);
        runner.command = spec;
        return new CommandLine(spec);
    }

    /** The option a declared argument's flag becomes. */
    static OptionSpec option(Arg arg) {
        OptionSpec.Builder b = OptionSpec.builder(arg.flag()).description(helpText(arg));
        if (arg.flagLabel() != null) {
            b.paramLabel(arg.flagLabel());
        }
        switch (arg.type()) {
            case BOOLEAN -> b.arity("0..1") // --x=false overrides a spec's true
                    .paramLabel("true|false")
                    .type(boolean.class)
                    .negatable(arg.negatable());
            case INTEGER -> b.type(Integer.class);
            case LIST -> b.type(List.class).auxiliaryTypes(String.class);
            case MAP -> b.type(Map.class).auxiliaryTypes(String.class, String.class);
            case DOCUMENTS -> b.type(Map.class).auxiliaryTypes(String.class, Path.class);
            case STRING, DURATION -> b.type(String.class);
            case OBJECT, OBJECT_LIST -> throw new IllegalArgumentException(
                    arg.name() + ": nested arguments are set in --spec only");
        }
        return b.build();
    }

    /** The declaration's description, with its default and a note when it is repeatable. */
    static String helpText(Arg arg) {
        StringBuilder text = new StringBuilder(arg.description());
        if (arg.type() == ArgType.LIST || arg.type() == ArgType.MAP || arg.type() == ArgType.DOCUMENTS) {
            text.append(" Repeatable.");
        }
        if (!arg.defaultText().isEmpty() && arg.type() != ArgType.BOOLEAN) {
            text.append(" Default: ").append(arg.defaultText()).append('.');
        }
        return text.toString();
    }

    @Override
    public Integer call() {
        ParseResult flags = command.commandLine().getParseResult();
        String outputFormat = flags.matchedOptionValue("--output", "text");
        return CommandRun.run(() -> step.command(), outputFormat, out, err, output -> run(output, flags));
    }

    private int run(CliOutput output, ParseResult flags) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        Path specFile = flags.matchedOptionValue("--spec", null);
        if (specFile != null) {
            arguments.putAll(SpecFile.read(specFile));
        }
        extras.takeSpecKeys(arguments, flags);
        for (Arg arg : step.arguments().args()) {
            if (arg.flag() != null && flags.hasMatchedOption(arg.flag())) {
                arguments.put(
                        arg.name(),
                        flagValue(arg, flags.matchedOption(arg.flag()).getValue()));
            }
        }
        S spec = step.parse(arguments);
        boolean dryRun = Boolean.TRUE.equals(arguments.get("dryRun"));
        boolean detailed = flags.hasMatchedOption("--detailed-exitcode");
        CommandRun.checkDetailedExitCode(detailed, dryRun);
        extras.check(spec, flags);
        Map<String, String> environment = io.env();
        R result = step.run(
                spec,
                new StepContext(
                        new EnvironmentConnectionResolver(environment, true), environment, new ConsoleProgress(err)));
        extras.after(spec, result, err);
        if (output.json()) {
            output.json(result.toMap());
        } else {
            extras.printText(result, out);
        }
        if (!result.succeeded()) {
            // the full result is on stdout; the exit code says it did not reach what was asked
            return ExitCodes.FAILURE;
        }
        return CommandRun.exitCode(result.dryRun(), detailed, result.changed());
    }

    /** A flag's value as the argument map holds it; {@code NAME=FILE} documents are read here. */
    private static Object flagValue(Arg arg, Object value) {
        if (arg.type() != ArgType.DOCUMENTS) {
            return value;
        }
        Map<String, String> documents = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Path> files = (Map<String, Path>) value;
        files.forEach((name, file) -> documents.put(name, readDocument(arg.name() + "." + name, file)));
        return documents;
    }

    private static String readDocument(String field, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException(
                    field, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The changes and warnings of a result, one per line, as every text summary ends. */
    static void printOutcome(StepResult result, PrintStream out) {
        if (result.changes().isEmpty()) {
            out.println("  no changes");
        }
        result.changes()
                .forEach(c -> out.println("  " + (result.dryRun() ? "would " : "")
                        + c.action().name().toLowerCase() + " " + c.kind() + " " + c.id()
                        + (c.detail().isEmpty() ? "" : ": " + c.detail())));
        result.warnings().forEach(w -> out.println("  warning: " + w));
    }
}
