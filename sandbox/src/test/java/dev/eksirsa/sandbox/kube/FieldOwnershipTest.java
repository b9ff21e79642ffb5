package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FieldOwnershipTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String ROLE = "eks.amazonaws.com/role-arn";

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) CrudStore.JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ObjectNode serviceAccount(String annotations) {
        return json("{'apiVersion':'v1','kind':'ServiceAccount','metadata':{'name':'app','namespace':'ns',"
                + "'annotations':" + annotations + "}}");
    }

    private static ObjectNode apply(ObjectNode live, ObjectNode config, String manager) {
        FieldOwnership.Outcome outcome = FieldOwnership.apply(live, config, manager, false, NOW);
        assertThat(outcome.conflicts()).isEmpty();
        return outcome.object();
    }

    private static JsonNode annotations(ObjectNode object) {
        return object.path("metadata").path("annotations");
    }

    private static JsonNode entry(ObjectNode object, String manager, String operation) {
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            if (entry.path("manager").asText().equals(manager)
                    && entry.path("operation").asText().equals(operation)) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void apply_newObject_ownsExactlyTheAppliedFieldsAsFieldsV1() {
        ObjectNode created = apply(null, serviceAccount("{'" + ROLE + "':'arn:a'}"), "a");

        JsonNode entry = entry(created, "a", "Apply");
        assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
        assertThat(entry.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(entry.path("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(entry.path("fieldsV1")).isEqualTo(json("{'f:metadata':{'f:annotations':{'f:" + ROLE + "':{}}}}"));
    }

    @Test
    void apply_reapplyWithoutAField_removesIt() {
        ObjectNode live = apply(null, serviceAccount("{'" + ROLE + "':'arn:a','x':'1'}"), "a");

        ObjectNode after = apply(live, serviceAccount("{'" + ROLE + "':'arn:a'}"), "a");

        assertThat(annotations(after).has("x")).isFalse();
        assertThat(annotations(after).path(ROLE).asText()).isEqualTo("arn:a");
    }

    @Test
    void apply_reapplyWithoutAnyAnnotation_removesTheEmptiedMap() {
        ObjectNode live = apply(null, serviceAccount("{'x':'1'}"), "a");

        ObjectNode after =
                apply(live, json("{'apiVersion':'v1','kind':'ServiceAccount','metadata':{'name':'app'}}"), "a");

        assertThat(after.path("metadata").has("annotations")).isFalse();
        assertThat(after.path("metadata").path("name").asText()).isEqualTo("app");
    }

    @Test
    void apply_fieldAnotherManagerAppliedWithTheSameValue_isCoOwnedAndSurvivesOneManagerDroppingIt() {
        ObjectNode live = apply(null, serviceAccount("{'x':'1','y':'2'}"), "a");
        live = apply(live, serviceAccount("{'x':'1'}"), "b");
        assertThat(entry(live, "a", "Apply").path("fieldsV1").toString()).contains("f:x");
        assertThat(entry(live, "b", "Apply").path("fieldsV1").toString()).contains("f:x");

        ObjectNode after =
                apply(live, json("{'apiVersion':'v1','kind':'ServiceAccount','metadata':{'name':'app'}}"), "a");

        assertThat(annotations(after).path("x").asText()).isEqualTo("1");
        assertThat(annotations(after).has("y")).isFalse();
        assertThat(entry(after, "a", "Apply")).isNull();
    }

    @Test
    void apply_changingAFieldAnotherManagerOwns_conflictsAndChangesNothing() {
        ObjectNode live = apply(null, serviceAccount("{'x':'1'}"), "other-manager");

        FieldOwnership.Outcome outcome = FieldOwnership.apply(live, serviceAccount("{'x':'2'}"), "a", false, NOW);

        assertThat(outcome.isConflict()).isTrue();
        assertThat(outcome.conflicts())
                .extracting(c -> c.manager() + " " + c.path())
                .containsExactly("\"other-manager\" .metadata.annotations.x");
        assertThat(annotations(live).path("x").asText()).isEqualTo("1");
        JsonNode status = StatusResponses.applyConflict(outcome.conflicts());
        assertThat(status.path("code").asInt()).isEqualTo(409);
        assertThat(status.path("reason").asText()).isEqualTo("Conflict");
        assertThat(status.path("message").asText())
                .isEqualTo("Apply failed with 1 conflict: conflict with \"other-manager\": .metadata.annotations.x");
        JsonNode cause = status.path("details").path("causes").get(0);
        assertThat(cause.path("reason").asText()).isEqualTo("FieldManagerConflict");
        assertThat(cause.path("field").asText()).isEqualTo(".metadata.annotations.x");
        assertThat(cause.path("message").asText()).isEqualTo("conflict with \"other-manager\"");
    }

    @Test
    void apply_forced_takesOwnershipFromTheOtherManager() {
        ObjectNode live = apply(null, serviceAccount("{'x':'1','y':'1'}"), "other");

        ObjectNode after = FieldOwnership.apply(live, serviceAccount("{'x':'2'}"), "a", true, NOW)
                .object();

        assertThat(annotations(after).path("x").asText()).isEqualTo("2");
        assertThat(entry(after, "other", "Apply").path("fieldsV1").toString())
                .doesNotContain("f:x")
                .contains("f:y");
        ObjectNode otherDropsX = apply(after, serviceAccount("{'y':'1'}"), "other");
        assertThat(annotations(otherDropsX).path("x").asText()).isEqualTo("2");
    }

    @Test
    void update_changedFieldsMoveToTheUpdaterAndApplyThenConflictsWithIt() {
        ObjectNode live = apply(null, serviceAccount("{'x':'1'}"), "a");
        ObjectNode edited = live.deepCopy();
        ((ObjectNode) edited.path("metadata").path("annotations")).put("x", "edited");

        ObjectNode updated = FieldOwnership.update(live, edited, "kubectl-edit", NOW);

        assertThat(entry(updated, "a", "Apply")).isNull();
        assertThat(entry(updated, "kubectl-edit", "Update").path("fieldsV1"))
                .isEqualTo(json("{'f:metadata':{'f:annotations':{'f:x':{}}}}"));
        FieldOwnership.Outcome reapplied = FieldOwnership.apply(updated, serviceAccount("{'x':'1'}"), "a", false, NOW);
        assertThat(reapplied.conflicts())
                .extracting(c -> c.manager() + " " + c.path())
                .containsExactly("\"kubectl-edit\" using v1 .metadata.annotations.x");
    }

    @Test
    void update_create_ownsMapsWithDotMarkers() {
        ObjectNode created = FieldOwnership.update(
                null,
                json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'1'}}"),
                "kubectl-create",
                NOW);

        assertThat(entry(created, "kubectl-create", "Update").path("fieldsV1"))
                .isEqualTo(json("{'f:data':{'.':{},'f:a':{}}}"));
    }

    @Test
    void apply_deploymentContainersAreKeyedByName() {
        String deployment = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},'spec':{'replicas':2,"
                + "'selector':{'matchLabels':{'app':'d'}},'template':{'metadata':{'labels':{'app':'d'}},"
                + "'spec':{'containers':[%s]}}}}";
        String app = "{'name':'app','image':'busybox:1'}";
        String sidecar = "{'name':'sidecar','image':'envoy'}";
        ObjectNode live = apply(null, json(deployment.formatted(app + "," + sidecar)), "a");
        assertThat(entry(live, "a", "Apply")
                        .path("fieldsV1")
                        .path("f:spec")
                        .path("f:template")
                        .path("f:spec"))
                .isEqualTo(json("{'f:containers':{'k:{\\'name\\':\\'app\\'}':{'.':{},'f:image':{},'f:name':{}},"
                        + "'k:{\\'name\\':\\'sidecar\\'}':{'.':{},'f:image':{},'f:name':{}}}}"));
        assertThat(entry(live, "a", "Apply").path("fieldsV1").path("f:spec").path("f:selector"))
                .isEqualTo(json("{}"));

        ObjectNode after = apply(live, json(deployment.formatted(app)), "a");

        JsonNode containers = after.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(1);
        assertThat(containers.get(0).path("name").asText()).isEqualTo("app");
        FieldOwnership.Outcome conflict = FieldOwnership.apply(
                after, json(deployment.formatted("{'name':'app','image':'busybox:2'}")), "b", false, NOW);
        assertThat(conflict.conflicts())
                .extracting(c -> c.path().toString())
                .containsExactly(".spec.template.spec.containers[name=\"app\"].image");
    }

    @Test
    void fieldSet_fieldsV1RoundTrips() {
        ObjectNode fields = json("{'f:data':{'.':{},'f:a':{}},'f:metadata':{'f:labels':{'f:x':{}}}}");

        assertThat(FieldSet.fromFieldsV1(fields).toFieldsV1()).isEqualTo(fields);
    }
}
