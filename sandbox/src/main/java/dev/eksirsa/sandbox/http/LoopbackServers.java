package dev.eksirsa.sandbox.http;

/**
 * Settings every JDK HTTP server of the sandbox needs before the first one is created. The JDK's server writes a
 * response's headers and body separately; with Nagle's algorithm on, the body waits for the client's delayed ACK of
 * the headers, adding ~40 ms to every call, a stall no AWS endpoint has.
 */
public final class LoopbackServers {
    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackServers() {}

    /** Call before creating an {@code HttpServer}: runs the settings once. */
    public static void configure() {
        // the static initializer did the work
    }
}
