package dev.eksirsa.cli;

import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.InvalidInputException;
import java.io.PrintStream;
import java.util.function.Supplier;

/** What every step command does around its work: the output format, and errors as CLI.md's exit codes. */
final class CommandRun {
    private CommandRun() {}

    interface Work {
        int run(CliOutput output);
    }

    static int run(Supplier<String> command, String outputFormat, PrintStream out, PrintStream err, Work work) {
        CliOutput output;
        try {
            output = new CliOutput(outputFormat, out, err);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        try {
            return work.run(output);
        } catch (EksIrsaException e) {
            return output.error(e);
        } catch (RuntimeException e) {
            // SDK client failures (no credentials, network): their messages hold no secret
            return output.error(new EksIrsaException(command.get() + ": " + e.getMessage(), null, e));
        }
    }

    static void checkDetailedExitCode(boolean detailedExitCode, boolean dryRun) {
        if (detailedExitCode && !dryRun) {
            throw new InvalidInputException("detailedExitCode", "--detailed-exitcode needs --dry-run");
        }
    }

    static int exitCode(boolean dryRun, boolean detailedExitCode, boolean changed) {
        return dryRun && detailedExitCode && changed ? ExitCodes.DRIFT : ExitCodes.OK;
    }
}
