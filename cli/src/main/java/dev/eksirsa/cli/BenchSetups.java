package dev.eksirsa.cli;

/** The setup files the benchmark applies, named so that no two runs share a resource. */
final class BenchSetups {
    private BenchSetups() {}

    /** The runbook's end state: cluster, OIDC provider, Role-1 (IRSA), Role-2 in the second account, annotated SA. */
    static String clusterAndRoles(String name) {
        return cluster(name, true) + "---\n" + role(name, name + "-ns", name + "-sa", name + "-role-1", true);
    }

    /** All four steps, as docs/examples/setup.yaml has them, against the sandbox's Harness account. */
    static String allFourSteps(String name, String harnessAccountId, String harnessEndpoint) {
        return clusterAndRoles(name)
                + "---\nkind: harnessDelegate\ncluster: ${eksIrsaCluster.name}\naccountId: " + harnessAccountId
                + "\nmanagerUrl: " + harnessEndpoint + "\nname: " + name + "-delegate\nnamespace: " + name
                + "-ns\nserviceAccount: " + name + "-sa\nk8sConnector: " + name.replace('-', '_') + "_eks\n"
                + "awsConnector: " + name.replace('-', '_')
                + "_aws\ncrossAccountRoleArn: ${irsaRole.targetRoleArns[0]}\n"
                + "connectorExternalId: harness-delegate\ntestConnectors: true\ntimeout: 5m\n"
                + "---\nkind: verifyIrsa\ncluster: ${eksIrsaCluster.name}\nnamespace: " + name + "-ns\n"
                + "serviceAccount: " + name + "-sa\nassumeRoleArns: ${irsaRole.targetRoleArns}\n"
                + "hopExternalId: harness-delegate\nprobes: [ec2:DescribeRegions]\n";
    }

    /** An existing cluster and {@code count} service accounts, each with its own role. */
    static String serviceAccounts(String cluster, String prefix, int count) {
        StringBuilder out = new StringBuilder(cluster(cluster, false));
        for (int i = 0; i < count; i++) {
            out.append("---\n")
                    .append(role(cluster, prefix + "-ns", prefix + "-sa-" + i, prefix + "-role-" + i, false));
        }
        return out.toString();
    }

    static String cluster(String name, boolean create) {
        return "kind: eksIrsaCluster\nname: " + name + "\ncreate: " + create + "\ntimeout: 10m\n";
    }

    private static String role(
            String cluster, String namespace, String serviceAccount, String roleName, boolean crossAccount) {
        String role = "kind: irsaRole\ncluster: " + cluster + "\noidcProviderArn: ${eksIrsaCluster.oidcProviderArn}\n"
                + "namespace: " + namespace + "\nserviceAccount: " + serviceAccount + "\nroleName: " + roleName
                + "\n";
        if (!crossAccount) {
            return role;
        }
        return role + "targetRoles:\n  - roleName: " + cluster + "-role-2\n    externalId: harness-delegate\n"
                + "    connection:\n      credentialsEnv: {accessKeyId: SECOND_ACCOUNT_KEY_ID,"
                + " secretAccessKey: SECOND_ACCOUNT_SECRET}\n"
                + "    policyArns: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n"
                + "    inlinePolicies:\n      describe-regions: {Version: \"2012-10-17\", Statement: [{Effect: Allow,"
                + " Action: \"ec2:DescribeRegions\", Resource: \"*\"}]}\n";
    }
}
