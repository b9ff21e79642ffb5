package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsErrors;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The IAM OIDC provider a trust policy federates with, and the issuer's {@code host/path} that prefixes its
 * condition keys. Found from the cluster's issuer, or given directly; it must exist (the cluster operation
 * creates it).
 */
public record OidcProviderRef(String arn, String issuerHostPath) {
    private static final String MARK = ":oidc-provider/";

    public static OidcProviderRef of(String arn) {
        return new OidcProviderRef(arn, arn.substring(arn.indexOf(MARK) + MARK.length()));
    }

    public static OidcProviderRef resolve(
            AwsClients aws,
            String clusterName,
            String oidcProviderArn,
            String audience,
            String partition,
            String accountId,
            ProgressListener progress) {
        OidcProviderRef ref;
        if (oidcProviderArn != null) {
            if (!oidcProviderArn.contains(":" + accountId + MARK)) {
                throw new InvalidInputException(
                        "oidcProviderArn", "must be a provider in the role's account " + accountId);
            }
            ref = of(oidcProviderArn);
            if (clusterName != null) {
                OidcProviderRef clusters = ofCluster(aws, clusterName, partition, accountId);
                if (!clusters.arn().equals(ref.arn())) {
                    throw new InvalidInputException(
                            "oidcProviderArn",
                            "is the provider of issuer " + ref.issuerHostPath() + ", but EKS cluster \""
                                    + clusterName + "\" issues its tokens as " + clusters.issuerHostPath()
                                    + "; a role trusting it could not be assumed by that cluster's service accounts"
                                    + " (leave oidcProviderArn out to use the cluster's)");
                }
            }
        } else {
            ref = ofCluster(aws, clusterName, partition, accountId);
        }
        List<String> clientIds;
        try {
            clientIds = aws.iam()
                    .getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(ref.arn()))
                    .clientIDList();
        } catch (NoSuchEntityException e) {
            throw new EksIrsaException(
                    "IAM OIDC provider " + ref.arn() + " does not exist; run `eks-irsa cluster"
                            + (clusterName == null ? "" : " --name " + clusterName)
                            + "` first to associate the cluster's issuer",
                    e.requestId(),
                    e);
        } catch (AwsServiceException e) {
            throw AwsErrors.translate("reading IAM OIDC provider " + ref.arn(), e);
        }
        if (!clientIds.contains(audience)) {
            progress.warn("IAM OIDC provider " + ref.arn() + " does not list the audience " + audience
                    + " among its client ids " + clientIds + "; web identity calls will fail until it does");
        }
        return ref;
    }

    /** The provider ARN of a cluster's issuer (one DescribeCluster). */
    private static OidcProviderRef ofCluster(AwsClients aws, String cluster, String partition, String accountId) {
        Cluster found;
        try {
            found = aws.describedCluster(cluster);
        } catch (ResourceNotFoundException e) {
            throw new EksIrsaException(
                    "EKS cluster \"" + cluster + "\" not found in " + aws.region(), e.requestId(), e);
        } catch (AwsServiceException e) {
            throw AwsErrors.translate("reading EKS cluster \"" + cluster + "\"", e);
        }
        String issuer = found.identity() == null || found.identity().oidc() == null
                ? null
                : found.identity().oidc().issuer();
        if (issuer == null) {
            throw new EksIrsaException("EKS cluster \"" + cluster + "\" has no OIDC issuer yet");
        }
        return of(OidcProviderReconciler.providerArn(partition, accountId, URI.create(issuer)));
    }
}
