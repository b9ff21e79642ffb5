package dev.eksirsa.engine.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP proxy that only tunnels (CONNECT), as corporate proxies do for HTTPS, and records each target.
 * Test support: it serves 127.0.0.1 only and stops with {@link #close()}.
 */
public final class TunnelProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public TunnelProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "tunnel-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The value of HTTPS_PROXY that points here. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** {@code host:port} of every tunnel asked for, in order. */
    public List<String> targets() {
        return List.copyOf(targets);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> tunnel(client), "tunnel");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String requestLine = readLine(in);
            while (!readLine(in).isEmpty()) {
                // headers: not needed
            }
            String[] parts = requestLine.split(" ");
            OutputStream out = client.getOutputStream();
            if (parts.length < 2 || !"CONNECT".equals(parts[0])) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            targets.add(parts[1]);
            String host = parts[1].substring(0, parts[1].lastIndexOf(':'));
            int port = Integer.parseInt(parts[1].substring(parts[1].lastIndexOf(':') + 1));
            try (Socket upstream = new Socket(host, port)) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread back = new Thread(() -> pipe(upstream, client), "tunnel-back");
                back.setDaemon(true);
                back.start();
                pipe(client, upstream);
                back.join(5000);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // a broken tunnel ends the connection, as a proxy does
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side closed
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
