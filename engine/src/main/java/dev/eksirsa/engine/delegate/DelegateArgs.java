package dev.eksirsa.engine.delegate;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgType;
import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.ConnectionArgs;
import java.util.List;

/** The arguments of the delegate step ({@code harnessDelegate}, {@code eks-irsa delegate}), declared once. */
public final class DelegateArgs {
    private DelegateArgs() {}

    public static final String DEFAULT_API_KEY_ENV = "HARNESS_PLATFORM_API_KEY";
    public static final String DEFAULT_MANAGER_URL = "https://app.harness.io";

    public static final ArgumentSet ARGUMENTS = ArgumentSet.of(
                    List.of(
                            Arg.string("cluster", "EKS cluster the delegate runs in.")
                                    .asRequired()
                                    .flag("--cluster", "NAME"),
                            Arg.string("accountId", "Harness account identifier.")
                                    .defaultText("Jenkins: the global default")
                                    .flag("--account-id", "ID"),
                            Arg.string(
                                            "name",
                                            "Delegate name, a DNS-1123 label; also the connectors' delegate selector.")
                                    .asRequired()
                                    .flag("--name", "NAME"),
                            Arg.string("namespace", "Namespace of the delegate.")
                                    .defaultsTo(DelegateSpec.DEFAULT_NAMESPACE, DelegateSpec.DEFAULT_NAMESPACE)
                                    .flag("--namespace", "NS"),
                            Arg.string(
                                            "serviceAccount",
                                            "The IRSA service account (irsaRole's) the delegate runs under.")
                                    .defaultText("<name>")
                                    .flag("--service-account", "SA"),
                            Arg.string(
                                            "manifest",
                                            "A delegate YAML downloaded from Harness, patched for IRSA and applied instead of the rendered one.")
                                    .flag("--manifest", "FILE"),
                            Arg.string(
                                            "permissions",
                                            "RBAC of the delegate: CLUSTER_ADMIN, CLUSTER_VIEWER or NAMESPACE_ADMIN.")
                                    .defaultsTo("CLUSTER_ADMIN", "CLUSTER_ADMIN")
                                    .flag("--permissions", "LEVEL"),
                            Arg.string(
                                            "managerUrl",
                                            "Harness manager: https://app.harness.io, …/gratis, https://app3.harness.io.")
                                    .defaultsTo(DEFAULT_MANAGER_URL, DEFAULT_MANAGER_URL)
                                    .flag("--manager-url", "URL"),
                            Arg.string("image", "Delegate image.")
                                    .defaultText("Harness's latest supported")
                                    .flag("--image", "IMAGE"),
                            Arg.of("delegateTags", ArgType.LIST, "Delegate tags (DELEGATE_TAGS), usable as selectors.")
                                    .flag("--delegate-tag", "TAG"),
                            Arg.bool(
                                            "upgrader",
                                            "Add Harness's hourly upgrader CronJob (its own service account, without an AWS role).")
                                    .flag("--upgrader"),
                            Arg.of("replicas", ArgType.INTEGER, "Delegate replicas.")
                                    .defaultsTo(1, "1")
                                    .flag("--replicas", "N"),
                            Arg.string("tokenEnv", "Variable holding the delegate token.")
                                    .defaultText("the API's <name>-token, created once")
                                    .flag("--token-env", "VAR"),
                            Arg.string(
                                    "tokenCredentialsId",
                                    "Jenkins secret-text credentials id of the delegate token (Jenkins only)."),
                            Arg.string("apiKeyEnv", "Variable holding the Harness API key (x-api-key).")
                                    .defaultText(DEFAULT_API_KEY_ENV)
                                    .flag("--api-key-env", "VAR"),
                            Arg.string(
                                    "apiKeyCredentialsId",
                                    "Jenkins secret-text credentials id of the Harness API key (Jenkins only)."),
                            Arg.string(
                                            "k8sConnector",
                                            "Identifier of a Kubernetes cluster connector inheriting from the delegate.")
                                    .flag("--k8s-connector", "ID"),
                            Arg.string(
                                            "awsConnector",
                                            "Identifier of an AWS connector with IRSA credentials on the delegate.")
                                    .flag("--aws-connector", "ID"),
                            Arg.string("crossAccountRoleArn", "Role the AWS connector assumes after IRSA (Role-2).")
                                    .flag("--cross-account-role-arn", "ARN"),
                            Arg.string("connectorExternalId", "sts:ExternalId of crossAccountRoleArn.")
                                    .flag("--connector-external-id", "ID"),
                            Arg.bool("testConnectors", "Test both connectors and report each status and error.")
                                    .flag("--test-connectors"),
                            Arg.string(
                                            "state",
                                            "present, or absent to remove what eks-irsa made (never the service account).")
                                    .defaultsTo("present", "present")
                                    .flag("--state", "STATE"),
                            Arg.bool(
                                            "dryRun",
                                            "Print the manifest (secrets redacted) and the plan; call nothing that mutates.")
                                    .flag("--dry-run")),
                    ConnectionArgs.STEP)
            .exclusive("profile", "credentialsId")
            .exclusive("tokenEnv", "tokenCredentialsId")
            .exclusive("apiKeyEnv", "apiKeyCredentialsId");
}
