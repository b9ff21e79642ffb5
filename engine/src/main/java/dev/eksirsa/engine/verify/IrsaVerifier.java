package dev.eksirsa.engine.verify;

import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.Partitions;
import dev.eksirsa.engine.aws.VerifyAws;
import dev.eksirsa.engine.aws.iam.ActualRole;
import dev.eksirsa.engine.aws.iam.TrustQuota;
import dev.eksirsa.engine.aws.iam.policy.AssumeRoleTargets;
import dev.eksirsa.engine.aws.iam.policy.EvaluationRequest;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyEvaluator;
import dev.eksirsa.engine.kube.ClusterObjects;
import dev.eksirsa.engine.kube.ServiceAccountBinder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verifies one service account's IRSA chain: static checks of AWS and Kubernetes state, then (unless disabled) the
 * live chain. Read-only but for the TokenRequest of the live check. A static verdict and the live result that
 * disagree are reported as such.
 */
public final class IrsaVerifier {
    private static final String ROLE_ARN = ServiceAccountBinder.ROLE_ARN;

    private final VerifyAws aws;
    private final Supplier<ClusterObjects> kubeFactory;
    private final ProgressListener progress;
    private final Duration consistencyWait;
    private final java.util.function.Function<String, Optional<String>> issuerThumbprint;
    private final List<Check> checks = new ArrayList<>();

    /** @param issuerThumbprint the issuer's top certificate's thumbprint as fetched now; empty when unreachable */
    public IrsaVerifier(
            VerifyAws aws,
            Supplier<ClusterObjects> kube,
            ProgressListener progress,
            Duration consistencyWait,
            java.util.function.Function<String, Optional<String>> issuerThumbprint) {
        this.aws = aws;
        this.kubeFactory = kube;
        this.progress = progress;
        this.consistencyWait = consistencyWait;
        this.issuerThumbprint = issuerThumbprint;
    }

    public VerifyResult verify(VerifySpec spec) {
        long start = System.nanoTime();
        List<Map<String, Object>> identities = new ArrayList<>();
        String subject = "system:serviceaccount:" + spec.namespace() + ":" + spec.serviceAccount();
        String saRef = spec.namespace() + "/" + spec.serviceAccount();
        Optional<VerifyAws.ClusterFacts> cluster = aws.cluster(spec.cluster());
        if (cluster.isEmpty() || cluster.get().issuer() == null) {
            add(Check.fail(
                    "cluster.exists",
                    spec.cluster(),
                    "EKS cluster " + spec.cluster() + " not found (or has no OIDC issuer)",
                    "check the region and the cluster's name: eks-irsa cluster --name " + spec.cluster()));
            return result(spec, identities, start);
        }
        String issuer = cluster.get().issuer();
        String issuerHostPath =
                URI.create(issuer).getHost() + URI.create(issuer).getPath();
        try (ClusterObjects kube = kubeFactory.get()) {
            Optional<Map<String, String>> annotations =
                    kube.serviceAccountAnnotations(spec.namespace(), spec.serviceAccount());
            if (annotations.isEmpty()) {
                add(Check.fail(
                        "serviceAccount.exists",
                        saRef,
                        "the service account does not exist",
                        "eks-irsa role --cluster " + spec.cluster() + " --namespace " + spec.namespace()
                                + " --service-account " + spec.serviceAccount()));
                return result(spec, identities, start);
            }
            add(Check.pass("serviceAccount.exists", saRef, "exists"));
            String roleArn = annotations.get().get(ROLE_ARN);
            if (roleArn == null) {
                String near = annotations.get().keySet().stream()
                        .filter(k -> k.toLowerCase(Locale.ROOT).contains("role-arn")
                                || k.contains("role_arn")
                                || k.contains("rolearn"))
                        .findFirst()
                        .orElse(null);
                add(Check.fail(
                        "serviceAccount.annotation",
                        saRef,
                        near == null
                                ? "no " + ROLE_ARN + " annotation"
                                : "annotated " + near + ", which is not " + ROLE_ARN
                                        + " (a typo: the webhook ignores it)",
                        "annotate the service account " + ROLE_ARN + "=<role ARN> (eks-irsa role does it)"));
                return result(spec, identities, start);
            }
            if (!InputRules.isRoleArn(roleArn)) {
                add(Check.fail(
                        "serviceAccount.annotation",
                        saRef,
                        ROLE_ARN + " is " + roleArn + ", not a role ARN",
                        "set it to arn:aws:iam::<account>:role/<name>"));
                return result(spec, identities, start);
            }
            add(Check.pass("serviceAccount.annotation", saRef, ROLE_ARN + "=" + roleArn));
            String account = Partitions.accountOf("roleArn", roleArn);
            if (spec.expectedAccount() != null) {
                add(
                        account.equals(spec.expectedAccount())
                                ? Check.pass("role.account", roleArn, "in the expected account " + account)
                                : Check.fail(
                                        "role.account",
                                        roleArn,
                                        "in account " + account + ", not the expected " + spec.expectedAccount(),
                                        "annotate the service account with the role in " + spec.expectedAccount()));
            }
            String providerArn = aws.providerArnFor(issuer, account);
            Optional<VerifyAws.ProviderFacts> provider = aws.provider(providerArn);
            if (provider.isEmpty()) {
                add(Check.fail(
                        "oidc.provider",
                        providerArn,
                        "the cluster's issuer has no IAM OIDC provider in account " + account,
                        "eks-irsa cluster --name " + spec.cluster() + " (associates the provider)"));
            } else {
                add(Check.pass("oidc.provider", providerArn, "exists"));
                add(
                        provider.get().clientIds().contains(spec.audience())
                                ? Check.pass("oidc.audience", providerArn, "client ids include " + spec.audience())
                                : Check.fail(
                                        "oidc.audience",
                                        providerArn,
                                        "client ids " + provider.get().clientIds() + " do not include "
                                                + spec.audience(),
                                        "aws iam add-client-id-to-open-id-connect-provider --client-id "
                                                + spec.audience()));
                Optional<String> now = issuerThumbprint.apply(issuer);
                List<String> listed = provider.get().thumbprints().stream()
                        .map(t -> t.toLowerCase(Locale.ROOT))
                        .toList();
                if (now.isEmpty()) {
                    add(Check.skip(
                            "oidc.thumbprint",
                            providerArn,
                            "the issuer could not be reached to compare its certificate"));
                } else if (listed.contains(now.get().toLowerCase(Locale.ROOT))) {
                    add(Check.pass("oidc.thumbprint", providerArn, "lists the issuer's top certificate " + now.get()));
                } else {
                    add(Check.warn(
                            "oidc.thumbprint",
                            providerArn,
                            "thumbprints " + listed + " do not include the issuer's " + now.get()
                                    + " (IAM now trusts well-known CAs itself, so this rarely breaks anything)",
                            "aws iam update-open-id-connect-provider-thumbprint --thumbprint-list " + now.get()));
                }
            }
            boolean staticAllows = false;
            String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
            Optional<ActualRole> role = aws.role(roleName);
            if (role.isEmpty()) {
                add(Check.fail(
                        "role.exists",
                        roleArn,
                        "the role does not exist",
                        "eks-irsa role --cluster " + spec.cluster() + " --namespace " + spec.namespace()
                                + " --service-account " + spec.serviceAccount()));
            } else {
                add(Check.pass("role.exists", roleArn, "exists"));
                List<Check> trust = TrustDiagnosis.check(
                        roleArn, role.get().trust(), providerArn, issuerHostPath, subject, spec.audience());
                trust.forEach(this::add);
                staticAllows = trust.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
                int size = role.get().trust().toJson().length();
                add(
                        size > TrustQuota.DEFAULT * 9 / 10
                                ? Check.warn(
                                        "trust.size",
                                        roleArn,
                                        "trust policy is " + size + " of " + TrustQuota.DEFAULT + " characters",
                                        "share a role across fewer service accounts, or raise the IAM quota")
                                : Check.pass(
                                        "trust.size", roleArn, size + " of " + TrustQuota.DEFAULT + " characters"));
                hops(spec, role.get(), account);
            }
            pods(kube, spec, roleArn, saRef, cluster.get().version());
            if (!cluster.get().publicEndpoint()
                    && !"true".equals(annotations.get().get("eks.amazonaws.com/sts-regional-endpoints"))) {
                add(
                        Check.warn(
                                "sts.regionalEndpoint",
                                saRef,
                                "the cluster's endpoint is private and the service account does not ask for regional STS",
                                "annotate eks.amazonaws.com/sts-regional-endpoints=true (the global endpoint needs internet access)"));
            }
            if (spec.live()) {
                live(spec, kube, roleArn, roleName, staticAllows, identities);
            }
        }
        return result(spec, identities, start);
    }

    private void hops(VerifySpec spec, ActualRole first, String firstAccount) {
        ActualRole previous = first;
        String previousArn = first.arn();
        for (int i = 0; i < spec.hops().size(); i++) {
            String hop = spec.hops().get(i);
            String id = "hop[" + i + "]";
            if (previous != null) {
                List<PolicyDocument> documents =
                        new ArrayList<>(previous.inlinePolicies().values());
                Map<String, PolicyDocument> managed = aws.managedPolicies(List.copyOf(previous.attachedPolicyArns()));
                documents.addAll(managed.values());
                boolean allowed = PolicyEvaluator.evaluate(documents, EvaluationRequest.identity("sts:AssumeRole", hop))
                        .allowed();
                if (allowed) {
                    add(Check.pass(id + ".permission", previousArn, "may sts:AssumeRole " + hop));
                } else {
                    List<String> problems = new ArrayList<>();
                    documents.forEach(d -> problems.addAll(AssumeRoleTargets.problems(d)));
                    List<String> unread = previous.attachedPolicyArns().stream()
                            .filter(a -> !managed.containsKey(a))
                            .toList();
                    add(Check.fail(
                            id + ".permission",
                            previousArn,
                            "no identity policy allows sts:AssumeRole on " + hop
                                    + (problems.isEmpty() ? "" : "; " + String.join("; ", problems))
                                    + (unread.isEmpty() ? "" : " (unreadable managed policies " + unread + ")"),
                            "allow sts:AssumeRole with Resource " + hop + " (eks-irsa role --assume-role-arn " + hop
                                    + ")"));
                }
            }
            String hopAccount = Partitions.accountOf("assumeRoleArns[" + i + "]", hop);
            ActualRole next = null;
            if (hopAccount.equals(firstAccount)) {
                next = aws.role(hop.substring(hop.lastIndexOf('/') + 1)).orElse(null);
                if (next == null) {
                    add(Check.fail(
                            id + ".trust", hop, "the role does not exist", "create it, trusting " + previousArn));
                } else {
                    boolean trusts = PolicyEvaluator.evaluate(
                                    next.trust(),
                                    EvaluationRequest.trust(
                                            "AWS",
                                            previousArn,
                                            "sts:AssumeRole",
                                            hopContext(previousArn, spec.hopExternalId())))
                            .allowed();
                    add(
                            trusts
                                    ? Check.pass(id + ".trust", hop, "trusts " + previousArn)
                                    : Check.fail(
                                            id + ".trust",
                                            hop,
                                            "the trust does not allow " + previousArn
                                                    + (next.trust().toJson().contains("sts:ExternalId")
                                                            ? " (it requires an sts:ExternalId)"
                                                            : ""),
                                            "trust " + previousArn + " (eks-irsa role --spec targetRoles)"));
                }
            } else {
                add(Check.skip(
                        id + ".trust",
                        hop,
                        "in account " + hopAccount + ": not readable with this connection; the live check decides"));
            }
            previous = next;
            previousArn = hop;
        }
    }

    private static Map<String, List<String>> hopContext(String previousArn, String externalId) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("aws:PrincipalArn", List.of(previousArn));
        if (externalId != null) {
            context.put("sts:ExternalId", List.of(externalId));
        }
        return context;
    }

    private void pods(ClusterObjects kube, VerifySpec spec, String roleArn, String saRef, String clusterVersion) {
        List<Pod> pods = kube.podsOf(spec.namespace(), spec.serviceAccount()).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p ->
                        p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .toList();
        if (pods.isEmpty()) {
            add(Check.skip("pods.identity", saRef, "no running pod uses the service account"));
            return;
        }
        List<String> without = new ArrayList<>();
        List<String> preset = new ArrayList<>();
        for (Pod pod : pods) {
            for (Container c : pod.getSpec().getContainers()) {
                var env = c.getEnv() == null ? List.<io.fabric8.kubernetes.api.model.EnvVar>of() : c.getEnv();
                var role = env.stream()
                        .filter(e -> "AWS_ROLE_ARN".equals(e.getName()))
                        .findFirst();
                boolean file = env.stream().anyMatch(e -> "AWS_WEB_IDENTITY_TOKEN_FILE".equals(e.getName()));
                if (role.isEmpty() || !file) {
                    without.add(pod.getMetadata().getName());
                } else if (!roleArn.equals(role.get().getValue())) {
                    preset.add(pod.getMetadata().getName() + " (" + role.get().getValue() + ")");
                }
            }
        }
        List<String> unreadable = pods.stream()
                .filter(p -> needsFsGroup(clusterVersion, p))
                .map(p -> p.getMetadata().getName())
                .toList();
        if (!unreadable.isEmpty()) {
            add(Check.warn(
                    "pods.fsGroup",
                    saRef,
                    "pods " + unreadable + " run as non-root without fsGroup on Kubernetes " + clusterVersion
                            + ", where the projected token is readable by root only",
                    "set securityContext.fsGroup (e.g. 65534) in the pod spec, or upgrade the cluster"));
        }
        if (!without.isEmpty()) {
            add(Check.fail(
                    "pods.identity",
                    saRef,
                    "running pods " + without + " have no web identity: they started before the annotation",
                    "restart them: kubectl -n " + spec.namespace() + " rollout restart deployment/<name>"));
        } else if (!preset.isEmpty()) {
            add(Check.fail(
                    "pods.identity",
                    saRef,
                    "pods " + preset + " carry an AWS_ROLE_ARN other than the annotation's (preset in their env)",
                    "remove AWS_ROLE_ARN from the pods' env; the webhook sets it from the annotation"));
        } else {
            add(Check.pass("pods.identity", saRef, pods.size() + " running pods carry the web identity"));
        }
    }

    /**
     * Before Kubernetes 1.19 the projected service-account token was readable by root only, so a non-root container
     * needed {@code fsGroup} to read it (the AWS SDK then fails with "permission denied" on the token file).
     */
    static boolean needsFsGroup(String clusterVersion, Pod pod) {
        if (clusterVersion == null || !clusterVersion.matches("1\\.\\d+.*")) {
            return false;
        }
        int minor = Integer.parseInt(clusterVersion.split("\\.")[1].replaceAll("\\D.*", ""));
        if (minor >= 19) {
            return false;
        }
        var podContext = pod.getSpec().getSecurityContext();
        if (podContext != null && podContext.getFsGroup() != null) {
            return false;
        }
        Long podUser = podContext == null ? null : podContext.getRunAsUser();
        for (Container c : pod.getSpec().getContainers()) {
            Long user = c.getSecurityContext() != null && c.getSecurityContext().getRunAsUser() != null
                    ? c.getSecurityContext().getRunAsUser()
                    : podUser;
            if (user != null && user != 0) {
                return true;
            }
        }
        return false;
    }

    private void live(
            VerifySpec spec,
            ClusterObjects kube,
            String roleArn,
            String roleName,
            boolean staticAllows,
            List<Map<String, Object>> identities) {
        progress.info(
                "live check: TokenRequest for " + spec.namespace() + "/" + spec.serviceAccount() + ", then the chain");
        String token = kube.serviceAccountToken(spec.namespace(), spec.serviceAccount(), spec.audience());
        VerifyAws.Chain chain =
                aws.live(roleArn, token, spec.hops(), spec.hopExternalId(), spec.probes(), consistencyWait);
        for (int i = 0; i < chain.hops().size(); i++) {
            VerifyAws.Hop hop = chain.hops().get(i);
            String id = i == 0 ? "live.webIdentity" : "live.hop[" + (i - 1) + "]";
            if (!hop.ok()) {
                add(Check.fail(
                        id,
                        hop.roleArn(),
                        (i == 0 ? "sts:AssumeRoleWithWebIdentity" : "sts:AssumeRole") + " denied: "
                                + hop.errorCode() + ": " + hop.errorMessage()
                                + (hop.retries() > 0
                                        ? " (after " + hop.retries() + " retries for IAM eventual consistency)"
                                        : ""),
                        i == 0 ? "see trust.webIdentity" : "see hop[" + (i - 1) + "] checks"));
                continue;
            }
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("roleArn", hop.roleArn());
            identity.put("arn", hop.callerArn());
            identity.put("account", hop.account());
            identities.add(identity);
            String expectedRole = hop.roleArn().substring(hop.roleArn().lastIndexOf('/') + 1);
            boolean right = hop.callerArn().contains(":assumed-role/" + expectedRole + "/");
            add(
                    right
                            ? Check.pass(
                                    id,
                                    hop.roleArn(),
                                    "caller is " + hop.callerArn()
                                            + (hop.retries() > 0
                                                    ? " (after " + hop.retries()
                                                            + " retries for IAM eventual consistency)"
                                                    : ""))
                            : Check.fail(
                                    id,
                                    hop.roleArn(),
                                    "caller is " + hop.callerArn() + ", not " + expectedRole,
                                    "check the annotation and the pod's env"));
        }
        for (VerifyAws.Probe probe : chain.probes()) {
            add(
                    probe.allowed()
                            ? Check.pass(
                                    "live.probe." + probe.action(),
                                    probe.action(),
                                    "allowed to the chain's last identity")
                            : Check.fail(
                                    "live.probe." + probe.action(),
                                    probe.action(),
                                    "denied: " + probe.errorCode() + ": " + probe.errorMessage(),
                                    "allow " + probe.action() + " in the last role's identity policies"));
        }
        boolean liveAllows = !chain.hops().isEmpty() && chain.hops().get(0).ok();
        if (liveAllows != staticAllows) {
            add(Check.warn(
                    "consistency",
                    roleArn,
                    "the static trust check says " + (staticAllows ? "allowed" : "denied")
                            + " but the live web identity call was " + (liveAllows ? "allowed" : "denied"),
                    "report this: one of the two evaluations is wrong for this policy"));
        }
    }

    private void add(Check check) {
        checks.add(check);
        String line = check.status() + " " + check.id() + " " + check.resource() + ": " + check.message();
        if (check.status() == Check.Status.FAIL || check.status() == Check.Status.WARN) {
            progress.warn(line);
        } else {
            progress.info(line);
        }
    }

    private VerifyResult result(VerifySpec spec, List<Map<String, Object>> identities, long start) {
        return new VerifyResult(
                spec.cluster(),
                spec.namespace(),
                spec.serviceAccount(),
                spec.failOnWarning(),
                checks,
                identities,
                (System.nanoTime() - start) / 1_000_000,
                List.of());
    }
}
