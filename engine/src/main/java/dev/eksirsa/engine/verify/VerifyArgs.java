package dev.eksirsa.engine.verify;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgType;
import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.ConnectionArgs;
import java.util.List;

/** The arguments of the verify step ({@code verifyIrsa}, {@code eks-irsa verify}), declared once. */
public final class VerifyArgs {
    private VerifyArgs() {}

    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    public static final ArgumentSet ARGUMENTS = ArgumentSet.of(
                    List.of(
                            Arg.string("cluster", "EKS cluster of the service account.")
                                    .asRequired()
                                    .flag("--cluster", "NAME"),
                            Arg.string("namespace", "Namespace of the service account.")
                                    .asRequired()
                                    .flag("--namespace", "NS"),
                            Arg.string("serviceAccount", "The service account whose IRSA chain is verified.")
                                    .asRequired()
                                    .flag("--service-account", "SA"),
                            Arg.of(
                                            "assumeRoleArns",
                                            ArgType.LIST,
                                            "Roles the chain goes on to with sts:AssumeRole, in order (Role-2, …).")
                                    .flag("--assume-role-arn", "ARN"),
                            Arg.string(
                                            "hopExternalId",
                                            "sts:ExternalId the hops' trusts require (irsaRole's targetExternalId).")
                                    .flag("--hop-external-id", "ID"),
                            Arg.of(
                                            "probes",
                                            ArgType.LIST,
                                            "Permissions to try as the chain's last identity: ec2:DescribeRegions, eks:ListClusters, sts:GetCallerIdentity.")
                                    .flag("--probe", "ACTION"),
                            Arg.of(
                                            "live",
                                            ArgType.BOOLEAN,
                                            "Walk the chain for real: TokenRequest, web identity, each hop.")
                                    .defaultsTo(true, "true")
                                    .flag("--live"),
                            Arg.bool("failOnWarning", "A warning fails the verification too.")
                                    .flag("--fail-on-warning"),
                            Arg.string("expectedAccount", "The account Role-1 must be in.")
                                    .flag("--expected-account", "ID"),
                            Arg.string("audience", "Token audience the trust must require.")
                                    .defaultsTo(DEFAULT_AUDIENCE, DEFAULT_AUDIENCE)
                                    .flag("--audience", "AUD"),
                            Arg.string("junitFile", "Write the checks as JUnit XML (one testcase per check).")
                                    .flag("--junit", "FILE"),
                            Arg.string("htmlFile", "Write a self-contained HTML report with a picture of the chain.")
                                    .flag("--html", "FILE")),
                    ConnectionArgs.STEP)
            .exclusive("profile", "credentialsId");
}
