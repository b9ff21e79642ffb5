package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class StrategicMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode merge(String target, String patch) throws Exception {
        return StrategicMerge.apply(
                (ObjectNode) JSON.readTree(target.replace('\'', '"')), JSON.readTree(patch.replace('\'', '"')));
    }

    @Test
    void volumesMergeByNameAndMountsByPath() throws Exception {
        ObjectNode merged = merge(
                "{'volumes':[{'name':'a','emptyDir':{}}],'containers':[{'name':'c','volumeMounts':[{'name':'a','mountPath':'/a'}]}]}",
                "{'volumes':[{'name':'b','emptyDir':{}}],'containers':[{'name':'c','volumeMounts':[{'name':'b','mountPath':'/b'}]}]}");
        assertThat(merged.toString())
                .isEqualTo(JSON.readTree(
                                "{\"volumes\":[{\"name\":\"a\",\"emptyDir\":{}},{\"name\":\"b\",\"emptyDir\":{}}],\"containers\":[{\"name\":\"c\","
                                        + "\"volumeMounts\":[{\"name\":\"a\",\"mountPath\":\"/a\"},{\"name\":\"b\",\"mountPath\":\"/b\"}]}]}")
                        .toString());
    }

    @Test
    void nullDeletesAndPatchDeleteRemovesAnElement() throws Exception {
        ObjectNode merged = merge(
                "{'metadata':{'annotations':{'x':'1','y':'2'}},'env':[{'name':'A'},{'name':'B'}]}",
                "{'metadata':{'annotations':{'x':null}},'env':[{'name':'A','$patch':'delete'}],'$setElementOrder/env':[{'name':'B'}]}");
        assertThat(merged.toString())
                .isEqualTo("{\"metadata\":{\"annotations\":{\"y\":\"2\"}},\"env\":[{\"name\":\"B\"}]}");
    }

    @Test
    void listsWithoutMergeKeyAreReplaced() throws Exception {
        ObjectNode merged = merge("{'args':['a','b'],'finalizers':['x']}", "{'args':['c']}");
        assertThat(merged.toString()).isEqualTo("{\"args\":[\"c\"],\"finalizers\":[\"x\"]}");
    }
}
