package dev.eksirsa.engine.role;

import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.CallerAccount;

/** A target role's spec with its open clients, account and ARN. */
record TargetRole(TargetRoleSpec spec, AwsClients aws, CallerAccount account, String arn) {}
