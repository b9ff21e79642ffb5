package dev.eksirsa.engine.role;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgType;
import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.Arguments;
import dev.eksirsa.engine.api.ConnectionArgs;
import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.kube.KubernetesNames;
import java.util.List;
import java.util.Map;

/** The arguments of the role step ({@code irsaRole}, {@code eks-irsa role}), declared once. */
public final class IrsaRoleArgs {
    private IrsaRoleArgs() {}

    public static final ArgumentSet TARGET_ROLE = ArgumentSet.of(List.of(
            Arg.string("roleName", "Name of the role in the target account.").asRequired(),
            Arg.object(
                            "connection",
                            "How to reach the target account: profile, roleArn (+ externalId), credentialsEnv or credentialsId.",
                            ConnectionArgs.TARGET)
                    .asRequired(),
            Arg.of("policyArns", ArgType.LIST, "Managed policies to attach to the target role."),
            Arg.of("inlinePolicies", ArgType.DOCUMENTS, "Inline policies of the target role, name to JSON document."),
            Arg.string("externalId", "sts:ExternalId the target role's trust requires.")
                    .defaultText("targetExternalId"),
            Arg.string("path", "IAM path of a new target role.").defaultText("/"),
            Arg.string("description", "Description of the target role."),
            Arg.of(
                    "maxSessionDuration",
                    ArgType.INTEGER,
                    "Seconds; only 3600 or unset, since the hop is role chaining."),
            Arg.of("tags", ArgType.MAP, "Tags of the target role.")));

    public static final ArgumentSet ARGUMENTS = ArgumentSet.of(
                    List.of(
                            Arg.string(
                                            "cluster",
                                            "EKS cluster whose issuer the role trusts and whose service accounts are annotated.")
                                    .flag("--cluster", "NAME"),
                            Arg.string(
                                            "oidcProviderArn",
                                            "The IAM OIDC provider, instead of looking it up from cluster.")
                                    .defaultText("from cluster")
                                    .flag("--oidc-provider-arn", "ARN"),
                            Arg.string("namespace", "Namespace of serviceAccount.")
                                    .flag("--namespace", "NS"),
                            Arg.string("serviceAccount", "Service account allowed to assume the role (with namespace).")
                                    .flag("--service-account", "SA"),
                            Arg.of(
                                    "serviceAccounts",
                                    ArgType.LIST,
                                    "Further service accounts as namespace/name, sharing the role."),
                            Arg.string("roleName", "IAM role name.")
                                    .defaultText("<cluster>-<namespace>-<serviceaccount>")
                                    .flag("--role-name", "NAME"),
                            Arg.string("path", "IAM path of a new role.")
                                    .defaultText("/")
                                    .flag("--path", "PATH"),
                            Arg.string("description", "Role description.").flag("--description", "TEXT"),
                            Arg.of(
                                            "maxSessionDuration",
                                            ArgType.INTEGER,
                                            "Maximum session duration in seconds, 3600-43200.")
                                    .flag("--max-session-duration", "SECONDS"),
                            Arg.string("permissionsBoundary", "Managed policy ARN set as the permissions boundary.")
                                    .flag("--permissions-boundary", "ARN"),
                            Arg.of("policyArns", ArgType.LIST, "Managed policies to attach.")
                                    .flag("--policy-arn", "ARN"),
                            Arg.of("inlinePolicies", ArgType.DOCUMENTS, "Inline policies, name to JSON document.")
                                    .flag("--inline-policy", "NAME=FILE"),
                            Arg.of("assumeRoleArns", ArgType.LIST, "Roles this role may assume (sts:AssumeRole).")
                                    .flag("--assume-role-arn", "ARN"),
                            Arg.string("audience", "Token audience the trust requires.")
                                    .defaultText(IrsaRoleSpec.DEFAULT_AUDIENCE)
                                    .flag("--audience", "AUD"),
                            Arg.bool(
                                    "allowWildcards",
                                    "Allow service-account patterns such as ns/app-*, matched with StringLike."),
                            Arg.bool(
                                            "restartPods",
                                            "Roll workloads whose pods use the service account but lack the role.")
                                    .flag("--restart-pods"),
                            Arg.bool(
                                            "overrideExistingServiceAccounts",
                                            "Take over a service account annotated with another role; the previous one is restored on teardown.")
                                    .flag("--override-existing-service-accounts"),
                            Arg.bool(
                                            "exclusive",
                                            "On a role eks-irsa did not create, also remove what the spec does not name.")
                                    .flag("--exclusive"),
                            Arg.of("tags", ArgType.MAP, "Tags of the role.").flag("--tag", "KEY=VALUE"),
                            Arg.string(
                                            "targetExternalId",
                                            "sts:ExternalId required by the target roles that set none of their own.")
                                    .flag("--target-external-id", "ID"),
                            Arg.objectList(
                                    "targetRoles", "Cross-account roles that trust exactly this role.", TARGET_ROLE),
                            Arg.of(
                                    "stsRegionalEndpoints",
                                    ArgType.BOOLEAN,
                                    "Annotation eks.amazonaws.com/sts-regional-endpoints."),
                            Arg.of(
                                    "tokenExpiration",
                                    ArgType.INTEGER,
                                    "Annotation eks.amazonaws.com/token-expiration, in seconds."),
                            Arg.string("state", "present, or absent to remove what eks-irsa created.")
                                    .defaultsTo("present", "present")
                                    .flag("--state", "STATE"),
                            Arg.bool("dryRun", "Compute the plan; call nothing that mutates.")
                                    .flag("--dry-run")),
                    ConnectionArgs.STEP)
            .together("namespace", "serviceAccount")
            .exclusive("profile", "credentialsId");

    static IrsaRoleSpec parse(Map<String, ?> raw) {
        Arguments a = ARGUMENTS.parse(raw);
        IrsaRoleSpec.Builder b = IrsaRoleSpec.builder()
                .clusterName(a.string("cluster"))
                .oidcProviderArn(a.string("oidcProviderArn"))
                .roleName(a.string("roleName"))
                .path(a.string("path"))
                .description(a.string("description"))
                .maxSessionDuration(a.integer("maxSessionDuration"))
                .permissionsBoundary(a.string("permissionsBoundary"))
                .audience(a.string("audience"))
                .allowWildcards(a.bool("allowWildcards"))
                .exclusive(a.bool("exclusive"))
                .restartPods(a.bool("restartPods"))
                .overrideExistingServiceAccounts(a.bool("overrideExistingServiceAccounts"))
                .stsRegionalEndpoints(a.has("stsRegionalEndpoints") ? a.bool("stsRegionalEndpoints") : null)
                .tokenExpiration(a.integer("tokenExpiration"))
                .state(RoleState.parse(a.string("state")))
                .dryRun(a.bool("dryRun"))
                .connection(ConnectionRef.fromArguments(a))
                .timeout(a.duration("timeout"));
        if (a.has("namespace")) {
            // each half named by its own key (the spec's check would name serviceAccounts)
            KubernetesNames.namespace(a.path("namespace"), a.string("namespace"));
            KubernetesNames.serviceAccount(a.path("serviceAccount"), a.string("serviceAccount"));
            b.serviceAccount(a.string("namespace"), a.string("serviceAccount"));
        }
        IamNames.externalId(a.path("targetExternalId"), a.string("targetExternalId"));
        List<String> accounts = a.strings("serviceAccounts");
        for (int i = 0; i < accounts.size(); i++) {
            String item = accounts.get(i);
            String field = a.path("serviceAccounts") + "[" + i + "]";
            renamed(field, () -> b.serviceAccount(item));
        }
        a.strings("policyArns").forEach(b::policyArn);
        a.strings("assumeRoleArns").forEach(b::assumeRoleArn);
        a.map("tags").forEach(b::tag);
        a.documents("inlinePolicies").forEach(b::inlinePolicy);
        for (Arguments t : a.objects("targetRoles")) {
            b.targetRole(targetRole(t, a.string("targetExternalId")));
        }
        return b.build();
    }

    private static TargetRoleSpec targetRole(Arguments t, String defaultExternalId) {
        ConnectionRef connection = ConnectionRef.fromArguments(t.object("connection"));
        return t.within(
                "targetRoles.",
                () -> new TargetRoleSpec(
                        t.string("roleName"),
                        connection,
                        t.string("path"),
                        t.string("description"),
                        t.integer("maxSessionDuration"),
                        t.strings("policyArns"),
                        t.documents("inlinePolicies"),
                        t.has("externalId") ? t.string("externalId") : defaultExternalId,
                        t.map("tags")));
    }

    private static void renamed(String field, Runnable check) {
        try {
            check.run();
        } catch (dev.eksirsa.engine.api.InvalidInputException e) {
            throw new dev.eksirsa.engine.api.InvalidInputException(field, e.rule());
        }
    }
}
