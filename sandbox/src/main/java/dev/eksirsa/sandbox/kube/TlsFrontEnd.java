package dev.eksirsa.sandbox.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
            executor.execute(() -> pump(upstream, client));
            pump(client, upstream);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
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
