package dev.eksirsa.cli;

import dev.eksirsa.engine.steps.Steps;
import dev.eksirsa.engine.verify.Check;
import dev.eksirsa.engine.verify.VerifyResult;
import dev.eksirsa.engine.verify.VerifySpec;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/** {@code eks-irsa verify}: prove an IRSA chain works, or say what is broken and how to fix it. */
final class VerifyCommand implements StepCommand.Extras<VerifySpec, VerifyResult> {

    static CommandLine commandLine(CliIo io) {
        return StepCommand.commandLine(
                Steps.VERIFY,
                new VerifyCommand(),
                io,
                "Verify a service account's IRSA chain: static checks, then the live chain; exit 1 when not passed.",
                "Verify one service account's IRSA chain without running a pod: the OIDC provider, the annotation, the",
                "role's trust for its token, each hop's permission and trust, the pods' injected identity; then, unless",
                "--no-live, a TokenRequest, web identity, each hop and the probes. Read-only; exit 1 when not passed.");
    }

    @Override
    public void printText(VerifyResult result, PrintStream out) {
        out.println("IRSA chain of " + result.namespace() + "/" + result.serviceAccount() + " in " + result.cluster()
                + ": "
                + (result.passed() ? "passed" : "NOT passed") + " (" + result.count(Check.Status.PASS) + " passed, "
                + result.count(Check.Status.WARN) + " warnings, " + result.count(Check.Status.FAIL) + " failed, "
                + result.count(Check.Status.SKIP) + " skipped)");
        for (Check c : result.checks()) {
            out.printf("  %-4s %-26s %s%n", c.status(), c.id(), c.message());
            if (!c.fix().isEmpty()) {
                out.printf("       %-26s fix: %s%n", "", c.fix());
            }
        }
        for (Map<String, Object> identity : result.identities()) {
            out.println("  identity: " + identity.get("arn"));
        }
    }
}
