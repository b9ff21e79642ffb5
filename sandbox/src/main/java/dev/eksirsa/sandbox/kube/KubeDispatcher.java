package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.log.CallLog;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One cluster's API server in front of the mock's CRUD storage: EKS authentication and access entries, discovery,
 * refusal of APIs a current cluster no longer serves, TokenRequest, writes that record their field managers (with IRSA
 * admission of pods), server-side apply and dry run, a hook for the controllers, and the call log.
 */
final class KubeDispatcher extends Dispatcher {
    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
    private static final Logger LOG = Logger.getLogger(KubeDispatcher.class.getName());
    private final KubeCluster cluster;
    private final EksTokenAuthenticator authenticator;
    private final CallLog log;
    private final CrudStore store;
    private final ServiceAccountTokens tokens;
    private final Patches patches;
    private final DryRun dryRun;
    private final Writes writes;
    private final Controllers controllers;
    private final AwsAuthConfigMap awsAuth;
    private final Faults faults;
    private volatile Runnable afterEachRequest = () -> {};

    KubeDispatcher(
            KubeCluster cluster,
            EksTokenAuthenticator authenticator,
            CallLog log,
            CrudStore store,
            ServiceAccountTokens tokens,
            Patches patches,
            DryRun dryRun,
            Writes writes,
            Controllers controllers,
            Faults faults) {
        this.faults = faults;
        this.cluster = cluster;
        this.authenticator = authenticator;
        this.log = log;
        this.store = store;
        this.tokens = tokens;
        this.patches = patches;
        this.dryRun = dryRun;
        this.writes = writes;
        this.controllers = controllers;
        this.awsAuth = new AwsAuthConfigMap(store);
    }

    /** Runs after each request is answered, e.g. to drop the mock's own record of it. */
    void afterEachRequest(Runnable hook) {
        this.afterEachRequest = hook;
    }

    @Override
    public MockResponse dispatch(RecordedRequest recorded) {
        KubeRequest request = KubeRequest.parse(recorded.getMethod().toUpperCase(Locale.ROOT), recorded.getPath());
        Optional<KubePrincipal> principal =
                authenticator.authenticate(recorded.getHeader("Authorization"), cluster.name());
        Optional<Faults.InjectedError> injected = faults.beforeCall("kubernetes", request.action(), request.writes());
        MockResponse response;
        if (injected.isPresent()) {
            response = injectedError(injected.get(), request);
        } else if (principal.isEmpty()) {
            response = json(401, StatusResponses.unauthorized());
        } else if (!authorized(principal.get(), request)) {
            response = json(403, StatusResponses.forbidden(principal.get().arn(), request));
        } else {
            response = serveSafely(request, recorded);
            faults.served(request.mutating());
        }
        log.add(
                "kubernetes",
                request.action(),
                principal.map(KubePrincipal::accountId).orElse(null),
                principal.map(KubePrincipal::arn).orElse(null),
                request.target(),
                response.code(),
                request.mutating(),
                cluster.name());
        afterEachRequest.run();
        return response;
    }

    private static MockResponse injectedError(Faults.InjectedError injected, KubeRequest request) {
        if (injected.resetsConnection()) {
            return TlsFrontEnd.dropConnection(raw(500, ""));
        }
        if (injected.status() == 409) {
            return json(409, StatusResponses.modifiedConflict(request));
        }
        MockResponse response = json(
                injected.status(), StatusResponses.failure(injected.status(), injected.code(), injected.message()));
        return injected.status() == 429 ? response.setHeader("Retry-After", "1") : response;
    }

    private boolean authorized(KubePrincipal principal, KubeRequest request) {
        return (cluster.configMapAuthentication() && awsAuth.maps(principal))
                || AccessPolicyAuthorizer.allows(cluster.access().apply(principal.identityArn()), request);
    }

    private MockResponse serveSafely(KubeRequest request, RecordedRequest recorded) {
        try {
            return serve(request, recorded);
        } catch (IllegalArgumentException e) {
            return json(400, StatusResponses.failure(400, "BadRequest", "the request body could not be decoded"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Kubernetes request failed: " + request.action() + " " + request.target(), e);
            return json(
                    500,
                    StatusResponses.failure(
                            500, "InternalError", "an error on the server has prevented the request from succeeding"));
        }
    }

    private MockResponse serve(KubeRequest request, RecordedRequest recorded) {
        Optional<ObjectNode> discovery =
                request.method().equals("GET") ? Discovery.answer(request.path()) : Optional.empty();
        if (discovery.isPresent()) {
            return json(200, discovery.get());
        }
        String contentType = recorded.getHeader("Content-Type");
        if (contentType != null && contentType.startsWith(PROTOBUF)) {
            // Only JSON is decoded here (kubectl 1.32+ sends protobuf): a 415 says so, as a real server does for a body
            // it cannot read.
            return json(
                    415,
                    StatusResponses.failure(
                            415,
                            "UnsupportedMediaType",
                            "the body of the request was in an unknown format - accepted media types include:"
                                    + " application/json, application/yaml"));
        }
        if (!request.isResourceRequest()) {
            return nonResource(request);
        }
        if (ApiCatalog.find(request.groupVersion(), request.resource(), request.subresource())
                .isEmpty()) {
            return json(404, StatusResponses.notFound());
        }
        if (request.isTokenRequest()) {
            return tokenRequest(request, recorded);
        }
        Optional<Patches.Outcome> written = Optional.empty();
        if (request.verb().equals("patch")) {
            written = patches.handle(request, recorded);
        } else if (Writes.handles(request)) {
            written = writes.handle(request, recorded);
        }
        if (written.isEmpty() && DryRun.requested(request)) {
            written = dryRun.answer(request, recorded.getUtf8Body());
            if (written.isEmpty()) {
                return json(400, StatusResponses.failure(400, "BadRequest", "the sandbox cannot dry-run this request"));
            }
        }
        if (written.isPresent()) {
            controllers.changed(request, written.get().code());
            return json(written.get().code(), written.get().body());
        }
        MockResponse response = store.dispatcher().dispatch(recorded);
        controllers.changed(request, response.code());
        return response;
    }

    private MockResponse tokenRequest(KubeRequest request, RecordedRequest recorded) {
        Optional<ObjectNode> serviceAccount =
                store.get("/api/v1/namespaces/" + request.namespace() + "/serviceaccounts/" + request.name());
        JsonNode body;
        try {
            String text = recorded.getUtf8Body();
            body = text == null || text.isBlank() ? null : CrudStore.JSON.readTree(text);
        } catch (java.io.IOException e) {
            return json(400, StatusResponses.failure(400, "BadRequest", "the TokenRequest body is not valid JSON"));
        }
        ServiceAccountTokens.Answer answer = tokens.issue(request.namespace(), request.name(), serviceAccount, body);
        return json(answer.code(), answer.body());
    }

    private static MockResponse nonResource(KubeRequest request) {
        String path = request.path();
        if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
            return new MockResponse()
                    .setResponseCode(200)
                    .setHeader("Content-Type", "text/plain; charset=utf-8")
                    .setBody("ok");
        }
        return json(404, StatusResponses.notFound());
    }

    static MockResponse json(int code, JsonNode body) {
        return raw(code, body.toString());
    }

    static MockResponse raw(int code, String body) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(body);
    }
}
