package fi.kivaq.dsr.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a real server (the test PostgreSQL), which a test can cut to produce a database outage
 * the application sees exactly as it would in production: open connections end (the driver reads end-of-stream) and
 * new ones are closed at once. {@link #restore()} lets connections through again.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    /** When set, the proxy cuts everything as the application sends these bytes (before the server sees them). */
    private volatile byte[] cutMarker;
    private volatile boolean onlyThatConnection;
    private final java.util.concurrent.atomic.AtomicInteger markerCuts = new java.util.concurrent.atomic.AtomicInteger();

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Ends every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        cutMarker = null;
        cut = false;
    }

    /**
     * Cuts every connection (as {@link #cut()}) at the moment the application sends {@code text} (e.g. a statement's
     * SQL) to the server, before the server receives it: the connection breaks in the middle of a request's
     * transaction, which the driver reports as an I/O error ({@code EOFException}, "Broken pipe") and the server
     * rolls back. Stays cut until {@link #restore()}.
     */
    /** How many times {@link #cutWhenSent(String)} found its text and cut. */
    public int markerCuts() {
        return markerCuts.get();
    }

    public void cutWhenSent(String text) {
        onlyThatConnection = false;
        cutMarker = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Breaks only the one connection that sends {@code text}, once (a server process that crashed, a connection
     * reset): the transaction on it fails with an I/O error, every other connection goes on working.
     */
    public void breakConnectionWhenSent(String text) {
        onlyThatConnection = true;
        cutMarker = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }


    @Override
    public void close() {
        cut();
        closeQuietly(server);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket backend = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(backend);
                pump(client, backend, true);
                pump(backend, client, false);
            } catch (IOException e) {
                // server closed, or the target refused: the client sees its socket end
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsServer) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    byte[] marker = cutMarker;
                    if (towardsServer && marker != null && contains(buffer, n, marker)) {
                        cutMarker = null;
                        if (onlyThatConnection) {
                            closeQuietly(from);
                            closeQuietly(to);
                        } else {
                            cut();
                        }
                        markerCuts.incrementAndGet();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side ended: end the other
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
