package com.userautomations.outbound;

import com.userautomations.common.LogText;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one way out of the service to a URL someone gave it (webhook endpoints, push services).
 * Each call checks the URL ({@link OutboundTarget}), looks its host up once and checks every
 * address ({@link GuardedResolver}), then connects to the first checked address while the Host
 * header and the TLS name (SNI, certificate check) carry the URL's host: the name is never
 * looked up again by anyone, so its answer cannot change between the check and the connection.
 * No proxy, no redirect (a 3xx is the answer), no connection kept for a later call. One
 * deadline covers look-up, connection, TLS, request and the answer's last header byte; then at
 * most {@value #MAX_BODY} bytes of the body are read, for at most {@link #BODY_TIME}.
 */
@ApplicationScoped
public class GuardedHttp {
    private static final Logger LOG = Logger.getLogger(GuardedHttp.class);
    static final int MAX_BODY = 4096;
    static final Duration BODY_TIME = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final GuardedResolver resolver;
    private final Clock clock;
    private final HttpClient client;

    @Inject
    public GuardedHttp(Vertx vertx, GuardedResolver resolver) {
        this(vertx, resolver, null, Clock.systemUTC());
    }

    /** {@code trust}: tests trust their own certificate here; null is the JDK's trust store. */
    GuardedHttp(Vertx vertx, GuardedResolver resolver, TrustOptions trust, Clock clock) {
        this.vertx = vertx;
        this.resolver = resolver;
        this.clock = clock;
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(false)
                .setVerifyHost(true)
                .setMaxRedirects(0)
                .setDecompressionSupported(false);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        // the outbox bounds how many calls run at once; the pool must not queue behind it
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(256));
    }

    /**
     * POSTs {@code body} to {@code url}. The stage always completes, by {@code headersTimeout}
     * plus {@link #BODY_TIME} at the latest, never exceptionally: a refused URL or address, a
     * name without address, a connection or TLS failure and a timeout are answers with a
     * {@link OutboundAnswer#failure} sentence. Does not block (the look-up runs on threads of
     * its own).
     */
    public CompletionStage<OutboundAnswer> post(URI url, Map<String, String> headers, byte[] body, Duration headersTimeout) {
        long deadline = System.nanoTime() + headersTimeout.toNanos();
        OutboundTarget target;
        try {
            target = OutboundTarget.parse(url.toString(), resolver.privateNetworksAllowed());
        } catch (OutboundTarget.Refused refused) {
            return CompletableFuture.completedFuture(OutboundAnswer.failed(refused.getMessage()));
        }
        return resolver.checkLater(target, headersTimeout).thenCompose(check -> {
            if (!check.usable()) {
                LOG.infof("Outgoing call to %s not made: %s", LogText.of(target.host()), check.reason());
                return CompletableFuture.completedFuture(OutboundAnswer.failed(check.reason()));
            }
            return new Call(target, check.addresses().get(0), headers, body, headersTimeout, deadline).start();
        }).exceptionally(failure -> {
            // a header Vert.x refuses (a line break in a value) or a bug: still an answer, never a throw
            LOG.warnf("Outgoing call to %s not made: %s", LogText.of(target.host()), LogText.of(failure));
            return OutboundAnswer.failed("The call to the endpoint could not be made.");
        });
    }

    /**
     * {@link #post} for a sender thread: blocks until the answer, at most {@code headersTimeout}
     * plus {@link #BODY_TIME} (and a little slack).
     */
    public OutboundAnswer postAndWait(URI url, Map<String, String> headers, byte[] body, Duration headersTimeout) {
        try {
            return post(url, headers, body, headersTimeout).toCompletableFuture()
                    .get(headersTimeout.plus(BODY_TIME).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OutboundAnswer.failed("The call was stopped before the endpoint answered.");
        } catch (TimeoutException e) {
            return OutboundAnswer.failed(timedOut(headersTimeout));
        } catch (ExecutionException e) {
            LOG.warnf("Outgoing call to %s failed: %s", LogText.of(url), LogText.of(e.getCause()));
            return OutboundAnswer.failed("The call to the endpoint failed before it answered.");
        }
    }

    @PreDestroy
    void stop() {
        client.close();
    }

    /** One call: its deadline, and the request to reset if the deadline comes first. */
    private final class Call {
        private final OutboundTarget target;
        private final InetAddress address;
        private final Map<String, String> headers;
        private final byte[] body;
        private final Duration timeout;
        private final long deadline;
        private final CompletableFuture<OutboundAnswer> answer = new CompletableFuture<>();
        /** Once the headers are in, the deadline has been met: the timer and the response race for this. */
        private final AtomicBoolean headersOrDeadline = new AtomicBoolean();
        private volatile HttpClientRequest request;

        Call(OutboundTarget target, InetAddress address, Map<String, String> headers, byte[] body, Duration timeout,
             long deadline) {
            this.target = target;
            this.address = address;
            this.headers = headers;
            this.body = body;
            this.timeout = timeout;
            this.deadline = deadline;
        }

        CompletableFuture<OutboundAnswer> start() {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return CompletableFuture.completedFuture(OutboundAnswer.failed(timedOut(timeout)));
            }
            long timer = vertx.setTimer(left, id -> {
                if (headersOrDeadline.compareAndSet(false, true) && answer.complete(OutboundAnswer.failed(timedOut(timeout)))) {
                    LOG.infof("Outgoing call to %s timed out after %s ms", LogText.of(target.host()), timeout.toMillis());
                    HttpClientRequest sent = request;
                    if (sent != null) {
                        sent.reset();
                    }
                }
            });
            answer.whenComplete((a, f) -> vertx.cancelTimer(timer));
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
                    .setHost(target.host())
                    .setPort(target.port())
                    .setSsl(target.https())
                    .setURI(target.pathAndQuery())
                    .setFollowRedirects(false)
                    .setProxyOptions(null)
                    .setConnectTimeout(left);
            headers.forEach(options::putHeader);
            client.request(options).onComplete(opened -> {
                if (opened.failed()) {
                    failed(opened.cause());
                    return;
                }
                HttpClientRequest sent = opened.result();
                // the call's own handlers report its failure; without this Vert.x logs it again as an error
                sent.connection().exceptionHandler(failure -> LOG.debugf("Outgoing connection to %s: %s",
                        LogText.of(target.host()), LogText.of(failure)));
                // Vert.x would write an IPv6 host without brackets and the default port
                sent.authority(HostAndPort.create(target.headerHost(), target.headerPort()));
                request = sent;
                if (answer.isDone()) {
                    sent.reset();
                    return;
                }
                sent.send(Buffer.buffer(body)).onComplete(answered -> {
                    if (answered.failed()) {
                        failed(answered.cause());
                    } else {
                        read(answered.result());
                    }
                });
            });
            return answer;
        }

        /** The status and headers are in: keep a little of the body, then let the connection go. */
        private void read(HttpClientResponse response) {
            if (!headersOrDeadline.compareAndSet(false, true) || answer.isDone()) {
                response.request().reset();
                return;
            }
            int status = response.statusCode();
            Duration retryAfter = retryAfter(response.getHeader("Retry-After"), clock.instant());
            Buffer kept = Buffer.buffer();
            Runnable finish = () -> {
                if (answer.complete(new OutboundAnswer(status, retryAfter, decoded(kept), null))) {
                    response.request().connection().close();
                }
            };
            long bodyTimer = vertx.setTimer(BODY_TIME.toMillis(), id -> finish.run());
            response.handler(chunk -> {
                int room = MAX_BODY - kept.length();
                kept.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
                if (kept.length() >= MAX_BODY) {
                    vertx.cancelTimer(bodyTimer);
                    finish.run();
                }
            });
            response.exceptionHandler(failure -> {
                vertx.cancelTimer(bodyTimer);
                finish.run();
            });
            response.endHandler(end -> {
                vertx.cancelTimer(bodyTimer);
                finish.run();
            });
        }

        private void failed(Throwable cause) {
            if (answer.complete(OutboundAnswer.failed(sentence(cause)))) {
                LOG.infof("Outgoing call to %s (%s port %s) failed: %s", LogText.of(target.host()),
                        address.getHostAddress(), target.port(), LogText.of(causes(cause)));
            }
        }
    }

    /** Why a call got no answer, in a sentence without host, port or exception. */
    static String sentence(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return "The TLS connection to the endpoint failed (its certificate or handshake was not accepted).";
            }
            if (c instanceof HttpClosedException) {
                return "The endpoint closed the connection before answering.";
            }
            if (c instanceof ConnectException || c instanceof io.netty.channel.ConnectTimeoutException) {
                return "The connection to the endpoint could not be made.";
            }
        }
        return "The call to the endpoint failed before it answered.";
    }

    /** The failure and its root for the log: a TLS failure's reason is a few causes down. */
    private static String causes(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? cause.toString() : cause + " <- " + root;
    }

    static String timedOut(Duration timeout) {
        long millis = timeout.toMillis();
        String amount = millis % 1000 == 0 ? millis / 1000 + (millis == 1000 ? " second" : " seconds")
                : millis + " milliseconds";
        return "The endpoint did not answer within " + amount + ".";
    }

    /** Retry-After as a delay: whole seconds, or an HTTP date (RFC 9110 IMF-fixdate) from {@code now}. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return text.length() > 10 ? null : Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String decoded(Buffer kept) {
        return new String(kept.getBytes(), StandardCharsets.UTF_8);
    }
}
