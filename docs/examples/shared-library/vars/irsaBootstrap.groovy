// irsaBootstrap: the runbook's first half in one call from a shared library —
// the cluster and its OIDC provider, then the IRSA role (Role-1), its cross-account role (Role-2) and the
// annotated service account. Returns both steps' result maps.
//
//   def setup = irsaBootstrap(cluster: 'prod', namespace: 'harness-delegate-ng', serviceAccount: 'delegate',
//                             credentialsId: 'aws-prod', secondAccountCredentialsId: 'aws-shared')
//   echo "delegate role: ${setup.role.roleArn}"
def call(Map config) {
    def cluster = eksIrsaCluster(
            name: config.cluster,
            create: config.create ?: false,
            region: config.region,
            credentialsId: config.credentialsId,
            endpointUrl: config.endpointUrl)
    def targets = []
    if (config.secondAccountCredentialsId) {
        targets << [roleName       : config.secondRoleName ?: "${config.cluster}-cross-account",
                    connection     : [credentialsId: config.secondAccountCredentialsId],
                    policyArns     : config.secondRolePolicyArns ?: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
                    externalId     : config.externalId]
    }
    def role = irsaRole(
            cluster: cluster.name,
            namespace: config.namespace,
            serviceAccount: config.serviceAccount,
            policyArns: config.policyArns ?: [],
            targetRoles: targets,
            region: config.region,
            credentialsId: config.credentialsId,
            endpointUrl: config.endpointUrl)
    return [cluster: cluster, role: role]
}
