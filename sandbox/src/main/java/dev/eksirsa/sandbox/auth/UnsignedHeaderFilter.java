package dev.eksirsa.sandbox.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Wraps the request handed to the SDK signer so that headers the signer adds on its own (x-amz-content-sha256,
 * X-Amz-Date, Host, X-Amz-Security-Token) stay out of the canonical request unless the client signed them.
 *
 * <p>The SDK v2 signer always adds and signs x-amz-content-sha256 in header mode, while other clients (botocore,
 * the Go SDK) do not sign it for IAM/STS/EKS. The signer reads the content hash back through {@code
 * firstMatchingHeader}, so a withheld header stays readable there while {@code build()} — which feeds the canonical
 * request — leaves it out.
 */
final class UnsignedHeaderFilter {

    private UnsignedHeaderFilter() {}

    static SdkHttpRequest wrap(SdkHttpRequest request, Set<String> signedHeaders) {
        return new FilteringRequest(request, Set.copyOf(signedHeaders));
    }

    private static boolean withheld(String name, Set<String> signed) {
        String lower = name.toLowerCase(Locale.ROOT);
        // The signer reports its result in Authorization; everything else it adds must have been signed by the client.
        return !lower.equals("authorization") && !signed.contains(lower);
    }

    private record FilteringRequest(SdkHttpRequest delegate, Set<String> signed) implements SdkHttpRequest {
        @Override
        public String protocol() {
            return delegate.protocol();
        }

        @Override
        public String host() {
            return delegate.host();
        }

        @Override
        public int port() {
            return delegate.port();
        }

        @Override
        public String encodedPath() {
            return delegate.encodedPath();
        }

        @Override
        public Map<String, List<String>> rawQueryParameters() {
            return delegate.rawQueryParameters();
        }

        @Override
        public SdkHttpMethod method() {
            return delegate.method();
        }

        @Override
        public Map<String, List<String>> headers() {
            return delegate.headers();
        }

        @Override
        public SdkHttpRequest.Builder toBuilder() {
            return new FilteringBuilder(delegate.toBuilder(), signed);
        }
    }

    private static final class FilteringBuilder implements SdkHttpRequest.Builder {
        private final SdkHttpRequest.Builder delegate;
        private final Set<String> signed;
        private final Map<String, List<String>> withheld = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        FilteringBuilder(SdkHttpRequest.Builder delegate, Set<String> signed) {
            this.delegate = delegate;
            this.signed = signed;
        }

        @Override
        public Optional<String> firstMatchingHeader(String header) {
            List<String> values = withheld.get(header);
            if (values != null && !values.isEmpty()) {
                return Optional.of(values.get(0));
            }
            return delegate.firstMatchingHeader(header);
        }

        @Override
        public SdkHttpRequest.Builder putHeader(String headerName, List<String> headerValues) {
            if (withheld(headerName, signed)) {
                withheld.put(headerName, List.copyOf(headerValues));
            } else {
                delegate.putHeader(headerName, headerValues);
            }
            return this;
        }

        @Override
        public SdkHttpRequest.Builder appendHeader(String headerName, String headerValue) {
            if (withheld(headerName, signed)) {
                withheld.merge(headerName, List.of(headerValue), (a, b) -> {
                    List<String> all = new java.util.ArrayList<>(a);
                    all.addAll(b);
                    return all;
                });
            } else {
                delegate.appendHeader(headerName, headerValue);
            }
            return this;
        }

        @Override
        public SdkHttpRequest.Builder headers(Map<String, List<String>> headers) {
            withheld.clear();
            delegate.clearHeaders();
            headers.forEach(this::putHeader);
            return this;
        }

        @Override
        public SdkHttpRequest.Builder removeHeader(String headerName) {
            withheld.remove(headerName);
            delegate.removeHeader(headerName);
            return this;
        }

        @Override
        public SdkHttpRequest.Builder clearHeaders() {
            withheld.clear();
            delegate.clearHeaders();
            return this;
        }

        @Override
        public Map<String, List<String>> headers() {
            return delegate.headers();
        }

        @Override
        public SdkHttpRequest build() {
            return delegate.build();
        }

        @Override
        public SdkHttpRequest.Builder copy() {
            FilteringBuilder copy = new FilteringBuilder(delegate.copy(), signed);
            copy.withheld.putAll(withheld);
            return copy;
        }

        @Override
        public String protocol() {
            return delegate.protocol();
        }

        @Override
        public SdkHttpRequest.Builder protocol(String protocol) {
            delegate.protocol(protocol);
            return this;
        }

        @Override
        public String host() {
            return delegate.host();
        }

        @Override
        public SdkHttpRequest.Builder host(String host) {
            delegate.host(host);
            return this;
        }

        @Override
        public Integer port() {
            return delegate.port();
        }

        @Override
        public SdkHttpRequest.Builder port(Integer port) {
            delegate.port(port);
            return this;
        }

        @Override
        public String encodedPath() {
            return delegate.encodedPath();
        }

        @Override
        public SdkHttpRequest.Builder encodedPath(String path) {
            delegate.encodedPath(path);
            return this;
        }

        @Override
        public Map<String, List<String>> rawQueryParameters() {
            return delegate.rawQueryParameters();
        }

        @Override
        public SdkHttpRequest.Builder appendRawQueryParameter(String paramName, String paramValue) {
            delegate.appendRawQueryParameter(paramName, paramValue);
            return this;
        }

        @Override
        public SdkHttpRequest.Builder putRawQueryParameter(String paramName, List<String> paramValues) {
            delegate.putRawQueryParameter(paramName, paramValues);
            return this;
        }

        @Override
        public SdkHttpRequest.Builder rawQueryParameters(Map<String, List<String>> queryParameters) {
            delegate.rawQueryParameters(queryParameters);
            return this;
        }

        @Override
        public SdkHttpRequest.Builder removeQueryParameter(String paramName) {
            delegate.removeQueryParameter(paramName);
            return this;
        }

        @Override
        public SdkHttpRequest.Builder clearQueryParameters() {
            delegate.clearQueryParameters();
            return this;
        }

        @Override
        public SdkHttpMethod method() {
            return delegate.method();
        }

        @Override
        public SdkHttpRequest.Builder method(SdkHttpMethod httpMethod) {
            delegate.method(httpMethod);
            return this;
        }
    }
}
