package dev.eksirsa.engine.aws.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Combines the statements eks-irsa wants with a document it finds. Statements without an {@code EksIrsa} Sid
 * belong to someone else and are always kept.
 */
public final class PolicyMerge {
    private PolicyMerge() {}

    /** Ours become exactly {@code desired}: for roles we own, or when the caller asked for exclusive control. */
    public static PolicyDocument replaceOurs(PolicyDocument actual, List<PolicyStatement> desired) {
        List<PolicyStatement> out = new ArrayList<>(actual.notOurs());
        out.addAll(desired);
        return actual.withStatements(out);
    }

    /** Adds or updates the desired statements by Sid and removes nothing: for roles someone else owns. */
    public static PolicyDocument addOurs(PolicyDocument actual, List<PolicyStatement> desired) {
        Set<String> sids = desired.stream().map(PolicyStatement::sid).collect(Collectors.toSet());
        List<PolicyStatement> out = new ArrayList<>();
        actual.statements().stream()
                .filter(s -> s.sid() == null || !sids.contains(s.sid()))
                .forEach(out::add);
        out.addAll(desired);
        return actual.withStatements(out);
    }

    /** The document without our statements; empty when nothing else would remain. */
    public static java.util.Optional<PolicyDocument> removeOurs(PolicyDocument actual) {
        List<PolicyStatement> rest = actual.notOurs();
        return rest.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(actual.withStatements(rest));
    }
}
