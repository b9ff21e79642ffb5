package dev.eksirsa.cli;

import dev.eksirsa.engine.role.IrsaRoleResult;
import dev.eksirsa.engine.role.IrsaRoleSpec;
import dev.eksirsa.engine.steps.Steps;
import java.io.PrintStream;
import picocli.CommandLine;

/** {@code eks-irsa role}: an IRSA role, its cross-account targets and the annotated service accounts. */
final class RoleCommand implements StepCommand.Extras<IrsaRoleSpec, IrsaRoleResult> {

    static CommandLine commandLine(CliIo io) {
        return StepCommand.commandLine(
                Steps.ROLE,
                new RoleCommand(),
                io,
                "Ensure an IRSA role, its cross-account target roles and the annotated service accounts.",
                "Ensure an IAM role for Kubernetes service accounts (IRSA): trusted by the cluster's OIDC provider for",
                "exactly the named service accounts, with its policies and the roles it may assume; cross-account",
                "target roles (--spec targetRoles) trusting exactly it; the service accounts annotated with it.");
    }

    @Override
    public void printText(IrsaRoleResult result, PrintStream out) {
        out.println((result.dryRun() ? "Plan for IAM role " : "IAM role ") + result.roleArn());
        out.println("  service accounts: " + String.join(", ", result.serviceAccounts()));
        result.targetRoleArns().forEach(t -> out.println("  may assume:       " + t));
        result.restarted().forEach(r -> out.println("  restarted:        " + r));
        StepCommand.printOutcome(result, out);
    }
}
