package com.userautomations.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP front for GreenMail that refuses connections ("421 try again later") while it is told
 * to, and otherwise passes them through: a real server that refuses the first attempts and then
 * accepts. It can also be slow for some recipients: a {@code RCPT TO} to a held domain is passed
 * on only after a delay, so sends to that domain (one school's users) take that long, as with
 * a slow or overloaded receiving side, while other sends pass at once.
 */
public final class FlakySmtp {
    private static FlakySmtp instance;

    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, Duration> holds = new ConcurrentHashMap<>();
    private final AtomicInteger holding = new AtomicInteger();
    private final AtomicInteger mostHeldAtOnce = new AtomicInteger();
    private volatile String refusal = "421 4.3.2 Service not available, try later\r\n";

    private FlakySmtp(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "flaky-smtp");
        accept.setDaemon(true);
        accept.start();
    }

    static synchronized void start(int upstreamPort) {
        try {
            instance = new FlakySmtp(upstreamPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized FlakySmtp get() {
        return instance;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Refuse the next n connections (Integer.MAX_VALUE: until told otherwise). */
    public void refuseNext(int n) {
        refusals.set(n);
    }

    public int refusedSoFar() {
        return refused.get();
    }

    /** What a refused connection is told, CRLF-terminated lines (null: the usual 421). */
    public void refuseWith(String reply) {
        refusal = reply == null ? "421 4.3.2 Service not available, try later\r\n" : reply;
    }

    /** Pass on each RCPT TO to an address at {@code domain} only after {@code delay} (null: at once again). */
    public void holdRecipientsAt(String domain, Duration delay) {
        if (delay == null) {
            holds.remove(domain.toLowerCase(Locale.ROOT));
        } else {
            holds.put(domain.toLowerCase(Locale.ROOT), delay);
        }
    }

    /** How many sends are held back right now. */
    public int heldNow() {
        return holding.get();
    }

    /** The most sends held at the same time so far. */
    public int mostHeldAtOnce() {
        return mostHeldAtOnce.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusals.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                    refused.incrementAndGet();
                    client.getOutputStream().write(refusal.getBytes(StandardCharsets.UTF_8));
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                commands(client.getInputStream(), upstream.getOutputStream(), upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), client);
            } catch (IOException e) {
                // a client went away; keep accepting
            }
        }
    }

    /**
     * Client to server, as read: SMTP clients send a command and wait for its reply (GreenMail
     * offers no pipelining), so a read holding a RCPT TO to a held domain is held back whole.
     */
    private void commands(InputStream in, OutputStream out, Socket closeAfter) {
        Thread t = new Thread(() -> {
            try (closeAfter) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    hold(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side closed
            }
        }, "flaky-smtp-commands");
        t.setDaemon(true);
        t.start();
    }

    private void hold(String read) {
        String address = read.toLowerCase(Locale.ROOT);
        if (holds.isEmpty() || !address.startsWith("rcpt to:")) {
            return;
        }
        for (Map.Entry<String, Duration> h : holds.entrySet()) {
            if (address.contains("@" + h.getKey() + ">")) {
                mostHeldAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(h.getValue().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    holding.decrementAndGet();
                }
                return;
            }
        }
    }

    private static void pump(InputStream in, OutputStream out, Socket closeAfter) {
        Thread t = new Thread(() -> {
            try (closeAfter) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the other side closed
            }
        }, "flaky-smtp-pump");
        t.setDaemon(true);
        t.start();
    }
}
