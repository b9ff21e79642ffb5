package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.Concurrently;
import dev.eksirsa.engine.api.Ownership;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsErrors;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Ensures the IAM OIDC provider of a cluster's issuer: client id {@code sts.amazonaws.com} and the issuer's
 * current thumbprint. Creates it tagged as ours; repairs only ours; reports differences on anyone else's.
 */
public final class OidcProviderReconciler {
    public static final String KIND = "OidcProvider";
    public static final String STS_AUDIENCE = "sts.amazonaws.com";

    private final IamClient iam;
    private final Function<URI, Optional<String>> thumbprints;
    private final ProgressListener progress;

    /** @param thumbprints the issuer's current thumbprint, empty when it cannot be read */
    public OidcProviderReconciler(
            IamClient iam, Function<URI, Optional<String>> thumbprints, ProgressListener progress) {
        this.iam = iam;
        this.thumbprints = thumbprints;
        this.progress = progress;
    }

    /** {@code arn:<partition>:iam::<account>:oidc-provider/<host/path>}. */
    public static String providerArn(String partition, String accountId, URI issuer) {
        return "arn:" + partition + ":iam::" + accountId + ":oidc-provider/" + hostAndPath(issuer);
    }

    static String hostAndPath(URI issuer) {
        String s = issuer.toString().substring("https://".length());
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public OidcProviderPlan plan(URI issuer, String providerArn, String clusterName) {
        // the issuer's certificate is needed either way: fetched while IAM answers
        CompletableFuture<Optional<String>> fetching = Concurrently.start(() -> thumbprints.apply(issuer));
        Optional<GetOpenIdConnectProviderResponse> actual = read(providerArn);
        Optional<String> thumbprint = Concurrently.join(fetching);
        if (actual.isEmpty()) {
            return new OidcProviderPlan(
                    providerArn, false, false, List.of(createChange(issuer, providerArn, clusterName, thumbprint)));
        }
        GetOpenIdConnectProviderResponse provider = actual.get();
        boolean ours = Ownership.isOurs(tagMap(provider.tags()));
        List<String> differences = new ArrayList<>();
        List<PlannedChange> changes = new ArrayList<>();
        if (!provider.clientIDList().contains(STS_AUDIENCE)) {
            differences.add("client id " + STS_AUDIENCE + " missing");
            changes.add(new PlannedChange(
                    Change.update(KIND, providerArn, "add client id " + STS_AUDIENCE),
                    () -> AwsErrors.run(
                            "adding client id to IAM OIDC provider " + providerArn,
                            () -> iam.addClientIDToOpenIDConnectProvider(
                                    b -> b.openIDConnectProviderArn(providerArn).clientID(STS_AUDIENCE)))));
        }
        if (thumbprint.isPresent() && !provider.thumbprintList().contains(thumbprint.get())) {
            differences.add("thumbprint " + thumbprint.get() + " of the issuer's top certificate not registered (has "
                    + provider.thumbprintList() + ")");
            String tp = thumbprint.get();
            changes.add(new PlannedChange(
                    Change.update(KIND, providerArn, "set thumbprint to " + tp),
                    () -> AwsErrors.run(
                            "updating the thumbprint of IAM OIDC provider " + providerArn,
                            () -> iam.updateOpenIDConnectProviderThumbprint(
                                    b -> b.openIDConnectProviderArn(providerArn).thumbprintList(tp)))));
        }
        if (!ours && !differences.isEmpty()) {
            progress.warn("IAM OIDC provider " + providerArn + " was not created by eks-irsa and is left alone: "
                    + String.join("; ", differences));
            changes.clear();
        }
        return new OidcProviderPlan(providerArn, true, ours, changes);
    }

    /**
     * Deletes the provider only when it is tagged as ours for this cluster.
     *
     * @param reportForeign whether to warn about a provider that is not ours (false when scanning all of them)
     */
    public Optional<PlannedChange> planDelete(String providerArn, String clusterName, boolean reportForeign) {
        Optional<GetOpenIdConnectProviderResponse> actual = read(providerArn);
        if (actual.isEmpty()) {
            return Optional.empty();
        }
        if (!Ownership.isOursFor(tagMap(actual.get().tags()), clusterName)) {
            if (reportForeign) {
                progress.warn("IAM OIDC provider " + providerArn + " was not created by eks-irsa for " + clusterName
                        + " and is left in place");
            }
            return Optional.empty();
        }
        return Optional.of(new PlannedChange(
                Change.delete(KIND, providerArn, "delete the IAM OIDC provider"),
                () -> AwsErrors.run(
                        "deleting IAM OIDC provider " + providerArn,
                        () -> iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(providerArn)))));
    }

    private PlannedChange createChange(
            URI issuer, String providerArn, String clusterName, Optional<String> thumbprint) {
        String detail = "client id " + STS_AUDIENCE
                + thumbprint.map(tp -> ", thumbprint " + tp).orElse(", no thumbprint (issuer not reachable)");
        List<Tag> tags = new ArrayList<>();
        Ownership.tags(clusterName)
                .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return new PlannedChange(Change.create(KIND, providerArn, detail), () -> {
            progress.info("Creating IAM OIDC provider " + providerArn);
            AwsErrors.run(
                    "creation of IAM OIDC provider " + providerArn,
                    () -> iam.createOpenIDConnectProvider(b -> {
                        b.url(issuer.toString()).clientIDList(STS_AUDIENCE).tags(tags);
                        thumbprint.ifPresent(b::thumbprintList);
                    }));
        });
    }

    private Optional<GetOpenIdConnectProviderResponse> read(String providerArn) {
        try {
            return Optional.of(iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(providerArn)));
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            throw AwsErrors.translate("reading IAM OIDC provider " + providerArn, e);
        }
    }

    static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }
}
