package dev.eksirsa.sandbox.oidc;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * RSA-2048 key pairs made ahead of time. Generating one takes from 50 ms to over a second (a random search for
 * primes); a cluster's issuer needs one at CreateCluster, which EKS answers at once. A daemon thread keeps a few
 * ready; when none is, the caller makes its own.
 */
final class RsaKeyPool {
    private static final int READY = 2;
    private static final BlockingQueue<KeyPair> POOL = new ArrayBlockingQueue<>(READY);

    static {
        Thread filler = new Thread(RsaKeyPool::fill, "sandbox-rsa-keys");
        filler.setDaemon(true);
        filler.setPriority(Thread.MIN_PRIORITY);
        filler.start();
    }

    private RsaKeyPool() {}

    /** Starts filling the pool (the class's initialisation does): before the first cluster needs a key. */
    static void start() {
        // nothing more: loading this class started the filler
    }

    static KeyPair take() {
        KeyPair ready = POOL.poll();
        return ready != null ? ready : generate();
    }

    private static void fill() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                POOL.put(generate());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }
}
