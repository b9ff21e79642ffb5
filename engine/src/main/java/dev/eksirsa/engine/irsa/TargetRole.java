package dev.eksirsa.engine.irsa;

import dev.eksirsa.engine.aws.AwsClients;

/** A target role's spec with its open clients, account and ARN. */
record TargetRole(TargetRoleSpec spec, AwsClients aws, CallerAccount account, String arn) {}
