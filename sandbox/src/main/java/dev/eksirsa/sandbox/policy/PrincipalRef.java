package dev.eksirsa.sandbox.policy;

import java.util.List;

/**
 * The caller as a policy Principal element sees it. {@code type} is AWS, Federated or Service; {@code ids} lists
 * every identifier that names this caller (for an assumed-role session: the role ARN and the session ARN; for web
 * identity: the OIDC provider ARN). Account principals ("111122223333", "arn:aws:iam::111122223333:root") are
 * matched through {@code accountId} by the evaluator, so they need not be listed.
 */
public record PrincipalRef(String type, List<String> ids, String accountId) {

    public PrincipalRef {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    public static PrincipalRef aws(String accountId, String... ids) {
        return new PrincipalRef(Principals.AWS, List.of(ids), accountId);
    }

    public static PrincipalRef federated(String providerArnOrName) {
        return new PrincipalRef(Principals.FEDERATED, List.of(providerArnOrName), null);
    }

    public static PrincipalRef service(String servicePrincipal) {
        return new PrincipalRef(Principals.SERVICE, List.of(servicePrincipal), null);
    }
}
