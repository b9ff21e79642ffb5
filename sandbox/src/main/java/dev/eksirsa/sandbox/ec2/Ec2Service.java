package dev.eksirsa.sandbox.ec2;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.AwsRequest;
import dev.eksirsa.sandbox.http.AwsResponse;
import dev.eksirsa.sandbox.http.AwsService;
import dev.eksirsa.sandbox.iam.Authorizer;
import dev.eksirsa.sandbox.policy.Decision;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few EC2 calls the project makes: the caller's default VPC and subnets, regions and zones. Every call
 * is decided by policy evaluation first, so {@code DryRun=true} answers DryRunOperation or
 * UnauthorizedOperation as EC2 does.
 */
public final class Ec2Service implements AwsService {
    private static final Set<String> ACTIONS =
            Set.of("DescribeVpcs", "DescribeSubnets", "DescribeRegions", "DescribeAvailabilityZones");

    private final Authorizer authorizer;
    private final DefaultNetworks networks;
    private final Ec2Describers describers;

    public Ec2Service(String region, Authorizer authorizer) {
        this(new DefaultNetworks(region), authorizer);
    }

    /** With networks shared with EKS, which validates subnets against them. */
    public Ec2Service(DefaultNetworks networks, Authorizer authorizer) {
        this.authorizer = authorizer;
        this.networks = networks;
        this.describers = new Ec2Describers(networks);
    }

    public DefaultNetworks networks() {
        return networks;
    }

    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public String actionOf(AwsRequest request) {
        String action = request.param("Action").orElse("");
        if (!ACTIONS.contains(action)) {
            throw new AwsError(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        }
        return action;
    }

    @Override
    public AwsResponse handle(AwsCall call) {
        Caller caller = call.requireCaller();
        authorize(caller, call);
        AwsRequest request = call.request();
        return switch (call.action()) {
            case "DescribeVpcs" -> describers.vpcs(caller.accountId(), request, call.requestId());
            case "DescribeSubnets" -> describers.subnets(caller.accountId(), request, call.requestId());
            case "DescribeRegions" -> describers.regions(request, call.requestId());
            case "DescribeAvailabilityZones" -> describers.zones(caller.accountId(), request, call.requestId());
            default -> throw new AwsError(
                    400, "InvalidAction", "The action " + call.action() + " is not valid for this web service.");
        };
    }

    private void authorize(Caller caller, AwsCall call) {
        String action = "ec2:" + call.action();
        // Describe* calls have no resource-level permissions: policies must grant them on "*".
        Decision decision =
                authorizer.decide(caller, action, "*", Map.of("aws:RequestedRegion", List.of(networks.region())));
        boolean dryRun =
                call.request().param("DryRun").map(Boolean::parseBoolean).orElse(false);
        if (decision != Decision.ALLOW) {
            String reason = decision == Decision.EXPLICIT_DENY
                    ? "with an explicit deny in an identity-based policy"
                    : "because no identity-based policy allows the " + action + " action";
            throw new AwsError(
                    403,
                    "UnauthorizedOperation",
                    "You are not authorized to perform this operation. User: " + caller.arn()
                            + " is not authorized to perform: " + action + " " + reason);
        }
        if (dryRun) {
            throw new AwsError(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }
    }

    @Override
    public AwsResponse renderError(AwsError error, String requestId) {
        return Ec2Responses.error(error, requestId);
    }
}
