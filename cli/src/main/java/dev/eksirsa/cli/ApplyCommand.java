package dev.eksirsa.cli;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.apply.SetupApplier;
import dev.eksirsa.engine.apply.SetupDocument;
import dev.eksirsa.engine.apply.SetupFile;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.steps.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eks-irsa apply -f setup.yaml}: every step of a setup file, in order, in one process. */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Apply a setup file: one YAML document per step (kind: eksIrsaCluster | irsaRole | harnessDelegate |",
            "verifyIrsa, then that step's arguments), in order; ${<kind>.<key>} refers to an earlier result.",
            "Exit 0 when all succeeded, 1 when one failed (the results so far are printed), 2 for bad input."
        })
final class ApplyCommand implements Callable<Integer> {

    @Option(
            names = {"-f", "--file"},
            required = true,
            paramLabel = "FILE",
            description = "The setup file (YAML).")
    Path file;

    @Option(names = "--dry-run", description = "Plan every step; call nothing that mutates (verifyIrsa is skipped).")
    boolean dryRun;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json: the list of results.")
    String output = "text";

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "How many consecutive documents of one kind (e.g. many irsaRole) run at once"
                    + " (default: ${DEFAULT-VALUE}).")
    int parallel = SetupApplier.DEFAULT_PARALLELISM;

    private final CliIo io;

    ApplyCommand(CliIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return CommandRun.run(() -> "apply", output, io.out(), io.err(), out -> {
            List<SetupDocument> documents = SetupFile.parse(read(file));
            Map<String, String> environment = io.env();
            SetupApplier.Outcome outcome = new SetupApplier(parallel)
                    .apply(
                            documents,
                            dryRun,
                            new StepContext(
                                    new EnvironmentConnectionResolver(environment, true),
                                    environment,
                                    new ConsoleProgress(io.err())));
            if (out.json()) {
                out.jsonValue(outcome.results());
            } else {
                for (Map<String, Object> entry : outcome.results()) {
                    io.out()
                            .println(entry.get("kind") + ": "
                                    + (entry.containsKey("skipped")
                                            ? "skipped (" + entry.get("skipped") + ")"
                                            : entry.containsKey("error")
                                                    ? "FAILED " + entry.get("error")
                                                    : summary(entry.get("result"))));
                }
            }
            if (!outcome.succeeded()) {
                io.err().println("error: " + outcome.failure().getMessage());
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        });
    }

    private static String summary(Object result) {
        if (!(result instanceof Map<?, ?> map)) {
            return "";
        }
        Object changes = map.get("changes");
        return (changes instanceof List<?> list ? list.size() : 0) + " changes"
                + (Boolean.TRUE.equals(map.get("dryRun")) ? " planned" : "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException(
                    SetupFile.FIELD, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
