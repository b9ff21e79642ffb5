package dev.eksirsa.sandbox.kube;

import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Terminates TLS with the sandbox CA's certificate and pipes the plain bytes to the mock server on loopback.
 * The fabric8 mock server only offers a self-signed certificate of its own; byte piping keeps every HTTP feature
 * (chunked watches, WebSocket upgrades) working without understanding HTTP here.
 */
final class TlsFrontEnd implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final String DROP_MARKER = "x-sandbox-drop-connection";

    private final SSLServerSocket serverSocket;
    private final InetSocketAddress backend;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kube-tls-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private TlsFrontEnd(SSLServerSocket serverSocket, InetSocketAddress backend) {
        this.serverSocket = serverSocket;
        this.backend = backend;
    }

    static TlsFrontEnd start(SSLContext context, InetAddress bindAddress, InetSocketAddress backend) {
        try {
            SSLServerSocket socket =
                    (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 64, bindAddress);
            TlsFrontEnd frontEnd = new TlsFrontEnd(socket, backend);
            frontEnd.executor.execute(frontEnd::acceptLoop);
            return frontEnd;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Kubernetes API front end", e);
        }
    }

    /**
     * Marks an answer to be replaced by a dropped connection. The mock server can only answer, so the marker rides
     * on the answer's headers and this front end, which owns the client's socket, closes it instead of forwarding.
     */
    static MockResponse dropConnection(MockResponse response) {
        return response.setHeader(DROP_MARKER, "true");
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                executor.execute(() -> connect(client));
            } catch (IOException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
            } catch (RuntimeException rejectedAfterClose) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(backend, 5_000);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            executor.execute(() -> pump(upstream, client, true));
            pump(client, upstream, false);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private static void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (answers && marked(buffer, n)) {
                    to.setSoLinger(true, 0);
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // peer went away; close both sides below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static boolean marked(byte[] buffer, int length) {
        // the mock writes an answer's status line and headers in one piece, so the marker is never split
        return new String(buffer, 0, length, StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT)
                .contains(DROP_MARKER + ":");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // already closed
        }
        executor.shutdownNow();
    }
}
