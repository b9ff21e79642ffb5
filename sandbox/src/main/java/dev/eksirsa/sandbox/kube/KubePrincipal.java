package dev.eksirsa.sandbox.kube;

/**
 * An authenticated Kubernetes caller.
 *
 * @param identityArn what GetCallerIdentity would answer (a user ARN or an {@code assumed-role} session ARN)
 * @param arn the IAM principal as EKS maps it: the user's ARN, or for a role session the role's ARN
 */
public record KubePrincipal(String accountId, String identityArn, String arn) {}
