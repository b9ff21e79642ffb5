package dev.eksirsa.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** Before 1.19 a non-root container could not read the projected token without fsGroup. */
class FsGroupRuleTest {

    private static Pod pod(Long runAsUser, Long fsGroup) {
        return new PodBuilder()
                .withNewSpec()
                .withNewSecurityContext()
                .withRunAsUser(runAsUser)
                .withFsGroup(fsGroup)
                .endSecurityContext()
                .addNewContainer()
                .withName("app")
                .endContainer()
                .endSpec()
                .build();
    }

    @Test
    void nonRootWithoutFsGroup_onAnOldCluster_needsIt() {
        assertThat(IrsaVerifier.needsFsGroup("1.18", pod(1000L, null))).isTrue();
    }

    @Test
    void fsGroup_root_orANewCluster_doNot() {
        assertThat(IrsaVerifier.needsFsGroup("1.18", pod(1000L, 65534L))).isFalse();
        assertThat(IrsaVerifier.needsFsGroup("1.18", pod(0L, null))).isFalse();
        assertThat(IrsaVerifier.needsFsGroup("1.18", pod(null, null))).isFalse();
        assertThat(IrsaVerifier.needsFsGroup("1.19", pod(1000L, null))).isFalse();
        assertThat(IrsaVerifier.needsFsGroup("1.31", pod(1000L, null))).isFalse();
    }
}
