package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The mock server's CRUD storage, called in-process (it still fires watch events) by admission and controllers. */
final class CrudStore {
    static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesCrudDispatcher crud;

    CrudStore(KubernetesCrudDispatcher crud) {
        this.crud = crud;
    }

    KubernetesCrudDispatcher dispatcher() {
        return crud;
    }

    record Result(int code, String body) {
        boolean ok() {
            return code >= 200 && code < 300;
        }

        ObjectNode json() {
            try {
                return (ObjectNode) JSON.readTree(body);
            } catch (JsonProcessingException | ClassCastException e) {
                throw new IllegalStateException("the mock answered no JSON object", e);
            }
        }
    }

    Optional<ObjectNode> get(String path) {
        Result result = call(HttpMethod.GET, path, null, null);
        return result.ok() ? Optional.of(result.json()) : Optional.empty();
    }

    Result create(String collectionPath, ObjectNode body) {
        return call(HttpMethod.POST, collectionPath, "application/json", body.toString());
    }

    Result update(String path, ObjectNode body) {
        return call(HttpMethod.PUT, path, "application/json", body.toString());
    }

    Result delete(String path) {
        return call(HttpMethod.DELETE, path, null, null);
    }

    Result call(HttpMethod method, String path, String contentType, String body) {
        Headers.Builder headers = Headers.builder();
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        Buffer buffer = new Buffer();
        if (body != null) {
            buffer.write(body.getBytes(StandardCharsets.UTF_8));
        }
        MockResponse response = crud.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer));
        return new Result(response.code(), bodyOf(response));
    }

    static String bodyOf(MockResponse response) {
        Buffer body = response.getBody();
        return body == null ? "" : new String(body.getBytes(), StandardCharsets.UTF_8);
    }
}
