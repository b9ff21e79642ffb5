package dev.eksirsa.sandbox.eks;

import dev.eksirsa.sandbox.ec2.DefaultNetworks;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.AwsRequest;
import dev.eksirsa.sandbox.http.AwsResponse;
import dev.eksirsa.sandbox.http.AwsService;
import dev.eksirsa.sandbox.iam.Authorizer;
import dev.eksirsa.sandbox.iam.IamStore;
import dev.eksirsa.sandbox.oidc.OidcIssuerServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The EKS control plane over rest-json: clusters, managed node groups, access entries and tags. Each cluster
 * gets its own OIDC issuer; states advance with the clock.
 */
public final class EksService implements AwsService {
    private final EksClusters clusters;
    private final ClusterOperations clusterOps;
    private final NodegroupOperations nodegroupOps;
    private final AccessEntryOperations accessEntryOps;
    private final TagOperations tagOps;

    public EksService(
            String region,
            Clock clock,
            IamStore iam,
            Authorizer authorizer,
            OidcIssuerServer oidc,
            Duration clusterActivationDelay,
            Duration nodegroupActivationDelay) {
        this(region, clock, iam, authorizer, oidc, clusterActivationDelay, nodegroupActivationDelay, null);
    }

    /**
     * @param networks the EC2 side's default networks, to check subnets against and report their VPC; null checks
     *     subnet ids by form only
     */
    public EksService(
            String region,
            Clock clock,
            IamStore iam,
            Authorizer authorizer,
            OidcIssuerServer oidc,
            Duration clusterActivationDelay,
            Duration nodegroupActivationDelay,
            DefaultNetworks networks) {
        this.clusters = new EksClusters(clock, NodegroupOperations::nodegroupGone);
        this.clusters.addListener(new ClusterListener() {
            @Override
            public void created(Cluster cluster) {}

            @Override
            public void deleted(Cluster cluster) {
                oidc.unregister(cluster.id());
            }
        });
        EksContext ctx = new EksContext(
                region, clock, iam, authorizer, clusters, networks, clusterActivationDelay, nodegroupActivationDelay);
        this.clusterOps = new ClusterOperations(ctx, oidc);
        this.nodegroupOps = new NodegroupOperations(ctx);
        this.accessEntryOps = new AccessEntryOperations(ctx);
        this.tagOps = new TagOperations(ctx);
    }

    public EksClusters clusters() {
        return clusters;
    }

    @Override
    public String signingName() {
        return "eks";
    }

    @Override
    public String actionOf(AwsRequest request) {
        return EksRoute.parse(request.method(), request.rawPath()).action();
    }

    @Override
    public AwsResponse handle(AwsCall call) {
        EksRoute r = EksRoute.parse(call.request().method(), call.request().rawPath());
        return switch (r.action()) {
            case "CreateCluster" -> clusterOps.create(call);
            case "DescribeCluster" -> clusterOps.describe(call, r.clusterName());
            case "ListClusters" -> clusterOps.list(call);
            case "DescribeClusterVersions" -> clusterOps.versions(call);
            case "DeleteCluster" -> clusterOps.delete(call, r.clusterName());
            case "CreateNodegroup" -> nodegroupOps.create(call, r.clusterName());
            case "DescribeNodegroup" -> nodegroupOps.describe(call, r.clusterName(), r.nodegroupName());
            case "ListNodegroups" -> nodegroupOps.list(call, r.clusterName());
            case "DeleteNodegroup" -> nodegroupOps.delete(call, r.clusterName(), r.nodegroupName());
            case "CreateAccessEntry" -> accessEntryOps.create(call, r.clusterName());
            case "ListAccessEntries" -> accessEntryOps.list(call, r.clusterName());
            case "DescribeAccessEntry" -> accessEntryOps.describe(call, r.clusterName(), r.principalArn());
            case "UpdateAccessEntry" -> accessEntryOps.update(call, r.clusterName(), r.principalArn());
            case "DeleteAccessEntry" -> accessEntryOps.delete(call, r.clusterName(), r.principalArn());
            case "AssociateAccessPolicy" -> accessEntryOps.associatePolicy(call, r.clusterName(), r.principalArn());
            case "DisassociateAccessPolicy" -> accessEntryOps.disassociatePolicy(
                    call, r.clusterName(), r.principalArn(), r.policyArn());
            case "ListAssociatedAccessPolicies" -> accessEntryOps.listAssociatedPolicies(
                    call, r.clusterName(), r.principalArn());
            case "ListAccessPolicies" -> accessEntryOps.listAccessPolicies(call);
            case "TagResource" -> tagOps.tag(call, r.resourceArn());
            case "UntagResource" -> tagOps.untag(call, r.resourceArn());
            case "ListTagsForResource" -> tagOps.list(call, r.resourceArn());
            default -> throw new AwsError(404, "UnknownOperationException", "Not Found");
        };
    }

    /** rest-json errors: the code in {@code x-amzn-ErrorType} (what the SDK and CLI read) and the message in the body. */
    @Override
    public AwsResponse renderError(AwsError error, String requestId) {
        String code = EksErrors.restJsonCode(error.code());
        var body = EksJson.object();
        body.put("message", error.getMessage());
        return new AwsResponse(
                error.status(), "application/json", EksJson.ok(body).body(), Map.of("x-amzn-ErrorType", code));
    }
}
