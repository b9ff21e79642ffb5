package dev.eksirsa.cli;

import dev.eksirsa.engine.api.InvalidInputException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eks-irsa}: the command line over the engine, and the sandbox for trying it without AWS. */
@Command(
        name = "eks-irsa",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "EKS IRSA roles, cross-account chains and Harness delegates, idempotently.",
        subcommands = {SandboxCommand.class, DemoCommand.class, TokenCommand.class, BenchCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (0 ok, 1 failure, 2 invalid input, 3 drift). */
    public static int run(String... args) {
        return run(CliIo.system(), args);
    }

    /** The same with this environment and these streams: how tests run commands in-process. */
    static int run(CliIo io, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    return type.getDeclaredConstructor(CliIo.class).newInstance(io);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(type);
                }
            }
        };
        return new CommandLine(new Main(), factory)
                .addSubcommand("cluster", ClusterCommand.commandLine(io))
                .addSubcommand("role", RoleCommand.commandLine(io))
                .addSubcommand("delegate", DelegateCommand.commandLine(io))
                .addSubcommand("verify", VerifyCommand.commandLine(io))
                .addSubcommand("apply", new CommandLine(new ApplyCommand(io)))
                .setOut(new PrintWriter(io.out(), true))
                .setErr(new PrintWriter(io.err(), true))
                .setExitCodeExceptionMapper(ExitCodes::of)
                .setParameterExceptionHandler((ex, argv) -> {
                    InvalidInputException invalid = FlagErrors.of(ex);
                    if (jsonOutput(argv)) {
                        // CLI.md: with --output json the error object is on stdout, even for unparsable flags
                        return new CliOutput("json", io.out(), io.err()).error(invalid);
                    }
                    CommandLine failed = ex.getCommandLine();
                    failed.getErr().println("error: " + invalid.getMessage());
                    failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
                    return ExitCodes.INVALID_INPUT;
                })
                .execute(args);
    }

    private static boolean jsonOutput(String[] argv) {
        List<String> args = Arrays.asList(argv);
        int i = args.indexOf("--output");
        return args.contains("--output=json") || (i >= 0 && i + 1 < args.size() && "json".equals(args.get(i + 1)));
    }

    /** No command: the usage on stderr, and exit 2 (nothing was done). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID_INPUT;
    }
}
