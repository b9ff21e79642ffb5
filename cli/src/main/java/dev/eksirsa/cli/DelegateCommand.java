package dev.eksirsa.cli;

import dev.eksirsa.engine.delegate.DelegateResult;
import dev.eksirsa.engine.delegate.HarnessDelegateSpec;
import dev.eksirsa.engine.steps.Steps;
import java.io.PrintStream;
import picocli.CommandLine;

/** {@code eks-irsa delegate}: a Harness NG delegate under the IRSA service account, connected, with connectors. */
final class DelegateCommand implements StepCommand.Extras<HarnessDelegateSpec, DelegateResult> {

    static CommandLine commandLine(CliIo io) {
        return StepCommand.commandLine(
                Steps.DELEGATE,
                new DelegateCommand(),
                io,
                "Install a Harness NG delegate under the IRSA service account, connect it, test its connectors.",
                "Install a Harness NextGen Kubernetes delegate that runs under the IRSA service account (rendered, or a",
                "downloaded manifest patched for IRSA), wait until Harness sees it connected, and create and test a",
                "Kubernetes and an AWS connector (IRSA, cross-account role). The API key is read from --api-key-env.");
    }

    @Override
    public void printText(DelegateResult result, PrintStream out) {
        out.println((result.dryRun() ? "Plan for delegate " : "Delegate ") + result.namespace() + "/" + result.name()
                + (result.absent() ? " (absent)" : ""));
        if (!result.absent()) {
            out.println("  service account: " + result.serviceAccount());
            out.println("  image:           " + result.image());
            if (!result.dryRun()) {
                out.println("  ready replicas:  " + result.readyReplicas());
                out.println("  connected:       " + result.connected());
            }
            result.fixes().forEach(f -> out.println("  manifest fix:    " + f));
            for (DelegateResult.ConnectorStatus c : result.connectors()) {
                out.println("  connector " + c.id() + " (" + c.type() + "): " + c.status()
                        + (c.errors().isEmpty() ? "" : " - " + c.errors().get(0).get("message")));
            }
            if (result.manifest() != null) {
                out.println("  manifest (secrets redacted):");
                result.manifest().lines().forEach(l -> out.println("    " + l));
            }
        }
        StepCommand.printOutcome(result, out);
    }
}
