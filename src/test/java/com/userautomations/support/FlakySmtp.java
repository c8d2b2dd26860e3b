package com.userautomations.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP front for GreenMail that refuses connections ("421 try again later") while it is told
 * to, and otherwise passes them through: a real server that refuses the first attempts and then
 * accepts.
 */
public final class FlakySmtp {
    private static FlakySmtp instance;

    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

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

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusals.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                    refused.incrementAndGet();
                    client.getOutputStream().write("421 4.3.2 Service not available, try later\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                pump(client.getInputStream(), upstream.getOutputStream(), upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), client);
            } catch (IOException e) {
                // a client went away; keep accepting
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
