package com.userautomations.common;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.time.Duration;

/**
 * Puts a {@link RequestDeadline} on every connection the HTTP servers accept. Neither Quarkus
 * nor Vert.x offers a hook at accept time (Quarkus owns the server's connection handler), so
 * the guard sits on each listening channel, ahead of Netty's acceptor: a connection is timed
 * from its first byte, before any route could see it.
 *
 * <p>h2c (HTTP/2 upgrade on plain HTTP) is turned off: it replaces the HTTP/1.x codec the
 * deadline reads, and nothing here needs HTTP/2 without TLS.
 */
@ApplicationScoped
public class SlowClientGuard implements HttpServerOptionsCustomizer {
    private static final Logger LOG = Logger.getLogger(SlowClientGuard.class);
    private static final String ACCEPTOR = "automations-slow-client-guard";

    private final Vertx vertx;
    private final Duration headerTimeout;
    private final Duration bodyTimeout;
    private volatile int armed;

    public SlowClientGuard(Vertx vertx, AutomationsConfig config) {
        this.vertx = vertx;
        this.headerTimeout = config.http().headerTimeout();
        this.bodyTimeout = config.http().bodyTimeout();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    void arm(@ObservesAsync HttpServerStart started) {
        armAll();
    }

    /** How many listening channels carry the guard (the tests wait for it). */
    public int armed() {
        return armed;
    }

    synchronized void armAll() {
        int count = 0;
        for (TCPServerBase server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            Channel listening = listeningChannel(server);
            if (listening == null) {
                continue;
            }
            if (listening.pipeline().get(ACCEPTOR) == null) {
                listening.pipeline().addFirst(ACCEPTOR, new Acceptor());
                LOG.debugf("slow-client guard on %s: headers within %s, bodies within %s",
                        listening.localAddress(), headerTimeout, bodyTimeout);
            }
            count++;
        }
        armed = count;
    }

    /** The bound server channel: Vert.x keeps it in a private field of the server that bound the port. */
    private static Channel listeningChannel(TCPServerBase server) {
        try {
            Field f = TCPServerBase.class.getDeclaredField("bindFuture");
            f.setAccessible(true);
            Future<?> bound = (Future<?>) f.get(server);
            return bound != null && bound.succeeded() && bound.result() instanceof Channel c ? c : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("slow clients are not cut off: this Vert.x version hides its server channel (" + e + ")");
            return null;
        }
    }

    @ChannelHandler.Sharable
    private final class Acceptor extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                // added before Vert.x's initializer runs, so it is first in the pipeline and sees every byte
                accepted.pipeline().addFirst(RequestDeadline.RAW,
                        new RequestDeadline(headerTimeout, bodyTimeout).rawBytes());
            }
            ctx.fireChannelRead(msg);
        }
    }
}
