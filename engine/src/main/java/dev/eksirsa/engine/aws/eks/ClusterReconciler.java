package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.api.RecordingListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.Partitions;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.engine.cluster.DesiredState;

/**
 * Ensures an EKS cluster and its IAM OIDC provider: describe, create when asked and wait for ACTIVE, grant
 * access, then find, create or repair the provider; or, with {@code state: absent}, delete what eks-irsa
 * created. Read, plan, then apply; a dry run stops after planning, and a second run only reads.
 */
public final class ClusterReconciler {
    static final String KIND = "EksCluster";

    private final AwsClients aws;
    private final IssuerThumbprint thumbprints;
    private final ProgressListener progress;
    private final ApiAccessCheck accessCheck;

    /** @param accessCheck run on the ACTIVE cluster after a real run; its problems become warnings */
    public ClusterReconciler(
            AwsClients aws, IssuerThumbprint thumbprints, ProgressListener progress, ApiAccessCheck accessCheck) {
        this.aws = aws;
        this.thumbprints = thumbprints;
        this.progress = progress;
        this.accessCheck = accessCheck == null ? ApiAccessCheck.NONE : accessCheck;
    }

    /** Without a look at the Kubernetes API. */
    public ClusterReconciler(AwsClients aws, IssuerThumbprint thumbprints, ProgressListener progress) {
        this(aws, thumbprints, progress, ApiAccessCheck.NONE);
    }

    /** With the spec's timeout as the overall budget, starting now. */
    public ClusterResult reconcile(ClusterSpec spec) {
        return reconcile(spec, Deadline.after(spec.timeout()));
    }

    /** @param deadline the run's overall budget (the CLI's {@code --timeout}), shared by every wait */
    public ClusterResult reconcile(ClusterSpec spec, Deadline deadline) {
        checkPartition(spec, aws.partition());
        RecordingListener run = new RecordingListener(progress);
        EksWaits waits = new EksWaits(aws.eks(), new WaitSettings(spec.pollInterval(), spec.timeout()), deadline, run);
        ClusterReader reader = new ClusterReader(aws.eks(), aws.region());
        if (spec.state() == DesiredState.ABSENT) {
            return new ClusterTeardown(aws, reader, waits, run).run(spec);
        }
        return new ClusterEnsurer(aws, reader, waits, thumbprints, accessCheck, run).run(spec);
    }

    /** Every ARN given must be of the connection's partition, checked before any call. */
    static void checkPartition(ClusterSpec spec, String partition) {
        inPartition("clusterRoleArn", spec.clusterRoleArn(), partition);
        spec.accessPrincipalArns().forEach(arn -> inPartition("accessPrincipalArns", arn, partition));
        if (spec.nodegroup() != null) {
            inPartition("nodeRoleArn", spec.nodegroup().nodeRoleArn(), partition);
        }
    }

    private static void inPartition(String field, String arn, String partition) {
        if (arn != null && !Partitions.ofArn(field, arn).equals(partition)) {
            throw new InvalidInputException(field, "must be in partition " + partition + " of the region");
        }
    }
}
