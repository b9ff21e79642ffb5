package dev.eksirsa.engine.delegate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.RoleRefBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.List;
import java.util.Map;

/** The delegate's RBAC for its permission level, bound to its IRSA service account (Harness binds default). */
final class DelegateRbac {
    static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    static final String API_GROUP = "rbac.authorization.k8s.io";

    private DelegateRbac() {}

    static List<HasMetadata> objects(DelegateSpec spec, Map<String, String> labels) {
        Subject subject = serviceAccount(spec.namespace(), spec.serviceAccount());
        return switch (spec.permissionLevel()) {
            case CLUSTER_ADMIN -> List.of(clusterRoleBinding(spec, "cluster-admin", "cluster-admin", subject, labels));
            case CLUSTER_VIEWER -> List.of(clusterRoleBinding(spec, "cluster-viewer", "view", subject, labels));
            case NAMESPACE_ADMIN -> namespaceAdmin(spec, subject, labels);
        };
    }

    static Subject serviceAccount(String namespace, String name) {
        return new SubjectBuilder()
                .withKind("ServiceAccount")
                .withName(name)
                .withNamespace(namespace)
                .build();
    }

    static RoleRef roleRef(String kind, String name) {
        return new RoleRefBuilder()
                .withApiGroup(API_GROUP)
                .withKind(kind)
                .withName(name)
                .build();
    }

    // named after namespace and delegate: Harness's shared <namespace>-cluster-admin would flip between the
    // service accounts of two delegates in one namespace
    private static HasMetadata clusterRoleBinding(
            DelegateSpec spec, String suffix, String clusterRole, Subject subject, Map<String, String> labels) {
        return new ClusterRoleBindingBuilder()
                .withApiVersion(API_VERSION)
                .withMetadata(new ObjectMetaBuilder()
                        .withName(spec.namespace() + "-" + spec.name() + "-" + suffix)
                        .withLabels(labels)
                        .build())
                .withSubjects(subject)
                .withRoleRef(roleRef("ClusterRole", clusterRole))
                .build();
    }

    private static List<HasMetadata> namespaceAdmin(DelegateSpec spec, Subject subject, Map<String, String> labels) {
        ObjectMeta meta = new ObjectMetaBuilder()
                .withName(spec.name() + "-namespace-admin")
                .withNamespace(spec.namespace())
                .withLabels(labels)
                .build();
        return List.of(
                new RoleBuilder()
                        .withApiVersion(API_VERSION)
                        .withMetadata(meta)
                        .withRules(new PolicyRuleBuilder()
                                .withApiGroups("*")
                                .withResources("*")
                                .withVerbs("*")
                                .build())
                        .build(),
                new RoleBindingBuilder()
                        .withApiVersion(API_VERSION)
                        .withMetadata(new ObjectMetaBuilder(meta).build())
                        .withSubjects(subject)
                        .withRoleRef(roleRef("Role", meta.getName()))
                        .build());
    }
}
