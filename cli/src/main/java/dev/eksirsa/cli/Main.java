package dev.eksirsa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eks-irsa}: the command line over the engine, and the sandbox for trying it without AWS. */
@Command(
        name = "eks-irsa",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "EKS IRSA roles, cross-account chains and Harness delegates, idempotently.",
        subcommands = {SandboxCommand.class, DemoCommand.class, ClusterCommand.class, TokenCommand.class, RoleCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (0 ok, 1 failure, 2 invalid input, 3 drift). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExitCodeExceptionMapper(ExitCodes::of)
                .setParameterExceptionHandler((ex, argv) -> {
                    ex.getCommandLine().getErr().println("error: " + ex.getMessage());
                    ex.getCommandLine().usage(ex.getCommandLine().getErr());
                    return ExitCodes.INVALID_INPUT;
                })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
