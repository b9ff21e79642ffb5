package dev.eksirsa.sandbox.eks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every account's clusters. Deleted clusters and node groups are dropped lazily, on the first look after their
 * deletion completed by the clock; listeners hear of it then.
 */
public final class EksClusters {
    private static final Logger LOG = Logger.getLogger(EksClusters.class.getName());

    private record Key(String accountId, String name) {}

    /** What {@link #createIfAbsent} did: the new cluster, or the one already there. */
    record Outcome(Cluster cluster, boolean created) {}

    private final Clock clock;
    private final Map<Key, Cluster> clusters = new LinkedHashMap<>();
    private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();
    private final BiConsumer<Cluster, Nodegroup> nodegroupGone;

    EksClusters(Clock clock, BiConsumer<Cluster, Nodegroup> nodegroupGone) {
        this.clock = clock;
        this.nodegroupGone = nodegroupGone;
    }

    public Optional<Cluster> find(String accountId, String name) {
        sweep();
        synchronized (this) {
            return Optional.ofNullable(clusters.get(new Key(accountId, name)));
        }
    }

    public List<Cluster> all() {
        sweep();
        synchronized (this) {
            return List.copyOf(clusters.values());
        }
    }

    /** One account's clusters, sorted by name. */
    public List<Cluster> inAccount(String accountId) {
        return all().stream()
                .filter(c -> c.accountId().equals(accountId))
                .sorted(Comparator.comparing(Cluster::name))
                .toList();
    }

    public void addListener(ClusterListener listener) {
        listeners.add(listener);
    }

    /** Creates the cluster with {@code factory} unless the account already has one of that name. */
    Outcome createIfAbsent(String accountId, String name, Supplier<Cluster> factory) {
        sweep();
        Cluster created;
        synchronized (this) {
            Key key = new Key(accountId, name);
            Cluster existing = clusters.get(key);
            if (existing != null) {
                return new Outcome(existing, false);
            }
            created = factory.get();
            clusters.put(key, created);
        }
        for (ClusterListener listener : listeners) {
            notify(() -> listener.created(created), created);
        }
        created.activeNoEarlierThan(clock.instant());
        return new Outcome(created, true);
    }

    /** Drops what has finished deleting and tells the listeners. */
    void sweep() {
        var now = clock.instant();
        List<Cluster> gone = new ArrayList<>();
        List<Cluster> remaining;
        synchronized (this) {
            clusters.values().removeIf(c -> {
                if (c.lifecycle().gone(now)) {
                    gone.add(c);
                    return true;
                }
                return false;
            });
            remaining = List.copyOf(clusters.values());
        }
        for (Cluster cluster : remaining) {
            cluster.removeGoneNodegroups(now).forEach(n -> nodegroupGone.accept(cluster, n));
        }
        for (Cluster cluster : gone) {
            for (ClusterListener listener : listeners) {
                notify(() -> listener.deleted(cluster), cluster);
            }
        }
    }

    private static void notify(Runnable call, Cluster cluster) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster listener failed for " + cluster.arn(), e);
        }
    }
}
