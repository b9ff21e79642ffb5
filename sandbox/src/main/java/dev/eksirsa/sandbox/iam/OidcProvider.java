package dev.eksirsa.sandbox.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An IAM OpenID Connect provider; {@code url} is stored without the scheme, as IAM returns it. */
public final class OidcProvider {
    public final String arn;
    public final String url;
    public final Instant createDate;
    public final List<String> clientIds = new ArrayList<>();
    public final List<String> thumbprints = new ArrayList<>();
    public final Map<String, String> tags = new LinkedHashMap<>();

    public OidcProvider(String arn, String url, Instant createDate) {
        this.arn = arn;
        this.url = url;
        this.createDate = createDate;
    }
}
