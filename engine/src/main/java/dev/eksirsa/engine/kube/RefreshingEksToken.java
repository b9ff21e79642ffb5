package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.aws.eks.EksToken;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The bearer token fabric8 puts on every request: one EKS token, signed again once it reaches its refresh time
 * (14 minutes, a minute before the API server stops accepting it).
 */
final class RefreshingEksToken implements OAuthTokenProvider {
    private final Supplier<EksToken> signer;
    private final Clock clock;
    private EksToken current;

    RefreshingEksToken(Supplier<EksToken> signer, Clock clock) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized String getToken() {
        if (current == null || !clock.instant().isBefore(current.refreshAt())) {
            current = signer.get();
        }
        return current.value();
    }

    @Override
    public String toString() {
        return "RefreshingEksToken[****]";
    }
}
