package dev.stockroom.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP proxy between one instance and a server (PostgreSQL or Redis), to inject network faults into that
 * instance's link alone:
 * <ul>
 * <li>{@link #delayAnswers}: every chunk the server sends waits a random time first (a slow database);</li>
 * <li>{@link #cut} and {@link #heal}: a network split. Bytes stop moving both ways and connections stay open,
 * as when packets are dropped rather than refused, so the instance learns of it only by timeouts; after the
 * heal the held bytes flow on, as TCP retransmits them;</li>
 * <li>{@link #trapAnswers}: a test sees each connection's answers before they are forwarded and can swallow
 * one (and kill the instance) at the exact byte it chooses.</li>
 * </ul>
 * Thread per direction per connection: a test tool for a few dozen connections, not a production proxy.
 */
final class FaultProxy implements AutoCloseable {

    /** Looks at one connection's answers, chunk by chunk; true swallows the chunk and closes the connection. */
    interface AnswerTrap {
        boolean swallow(Connection connection, byte[] chunk, int length);
    }

    /** What a trap remembers of one connection's answers: the tags it saw since it last forgot them. */
    static final class Connection {
        private final Set<String> seen = new HashSet<>();

        void saw(String tag) {
            seen.add(tag);
        }

        boolean seen(String tag) {
            return seen.contains(tag);
        }

        void forget() {
            seen.clear();
        }
    }

    private final int target;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object cutLock = new Object();
    private volatile boolean cut;
    private volatile long minDelayMillis;
    private volatile long maxDelayMillis;
    private volatile AnswerTrap trap;
    private volatile boolean closed;

    FaultProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fault-proxy-" + targetPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void delayAnswers(Duration min, Duration max) {
        minDelayMillis = min.toMillis();
        maxDelayMillis = max.toMillis();
    }

    void noDelay() {
        minDelayMillis = 0;
        maxDelayMillis = 0;
    }

    void cut() {
        cut = true;
    }

    void heal() {
        synchronized (cutLock) {
            cut = false;
            cutLock.notifyAll();
        }
    }

    void trapAnswers(AnswerTrap trap) {
        this.trap = trap;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException refused) {
                    client.close(); // the server is down: so is the link
                    continue;
                }
                sockets.add(client);
                sockets.add(server);
                Connection connection = new Connection();
                pump(client, server, null, false);
                pump(server, client, connection, true);
            } catch (IOException e) {
                if (!closed) {
                    sleep(10);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, Connection connection, boolean answers) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    awaitHealed();
                    if (answers) {
                        long max = maxDelayMillis;
                        if (max > 0) {
                            sleep(ThreadLocalRandom.current().nextLong(minDelayMillis, max + 1));
                        }
                        AnswerTrap current = trap;
                        if (current != null && current.swallow(connection, buffer, read)) {
                            break;
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "fault-proxy-pump-" + (answers ? "answers" : "requests"));
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitHealed() {
        synchronized (cutLock) {
            while (cut && !closed) {
                try {
                    cutLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        heal();
        closeQuietly(listener);
        sockets.forEach(this::closeQuietly);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
