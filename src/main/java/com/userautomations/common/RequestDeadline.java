package com.userautomations.common;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One connection's clock: a request's line and headers must arrive within the header timeout
 * from its first byte, and its body within the body timeout from the end of its headers; else
 * the connection is closed. Each request is timed on its own, so a keep-alive connection may
 * wait between requests as long as the idle timeout allows.
 *
 * <p>Two handlers share this state: {@link #rawBytes()} at the head of the pipeline sees the
 * first byte of a request (the HTTP decoder shows nothing until the headers are complete), and
 * {@link #messages()} after the HTTP codec sees where the headers and the body end. Timers are
 * only scheduled for a request still incomplete when a read has been handled, so requests that
 * arrive in one piece cost none.
 */
final class RequestDeadline {
    private static final Logger LOG = Logger.getLogger(RequestDeadline.class);
    static final String RAW = "automations-request-deadline";
    static final String MESSAGES = "automations-request-deadline-messages";
    private static final String DECODER = "httpDecoder";
    private static final String ENCODER = "httpEncoder";

    private enum Phase { BETWEEN, HEADERS, BODY }

    private final long headerNanos;
    private final long bodyNanos;
    private Phase phase = Phase.BETWEEN;
    private ScheduledFuture<?> timer;
    private boolean failedRequest;

    RequestDeadline(Duration headerTimeout, Duration bodyTimeout) {
        this.headerNanos = headerTimeout.toNanos();
        this.bodyNanos = bodyTimeout.toNanos();
    }

    ChannelInboundHandlerAdapter rawBytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (ctx.pipeline().get(MESSAGES) == null && !installMessages(ctx.pipeline())) {
                    // not HTTP/1.x (TLS not yet negotiated, or another protocol): nothing to time yet
                    ctx.fireChannelRead(msg);
                    return;
                }
                if (phase == Phase.BETWEEN) {
                    phase = Phase.HEADERS;
                }
                ctx.fireChannelRead(msg);
                scheduleFor(ctx);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancel();
                ctx.fireChannelInactive();
            }
        };
    }

    ChannelDuplexHandler messages() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest request) {
                    cancel();
                    phase = Phase.BODY;
                    failedRequest = request.decoderResult().isFailure();
                }
                if (msg instanceof LastHttpContent) {
                    cancel();
                    phase = Phase.BETWEEN;
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof HttpResponse response && failedRequest) {
                    // Vert.x answers an unreadable request (414, 431, 400) itself, before any route,
                    // so the edge headers filter never sees that answer
                    response.headers().set(EdgeHeaders.NOSNIFF_NAME, EdgeHeaders.NOSNIFF_VALUE);
                    failedRequest = false;
                }
                ctx.write(msg, promise);
            }
        };
    }

    private boolean installMessages(ChannelPipeline pipeline) {
        if (pipeline.get(DECODER) == null || pipeline.get(ENCODER) == null) {
            return false;
        }
        pipeline.addAfter(ENCODER, MESSAGES, messages());
        return true;
    }

    private void scheduleFor(ChannelHandlerContext ctx) {
        if (timer != null || phase == Phase.BETWEEN) {
            return;
        }
        Phase timed = phase;
        long nanos = timed == Phase.HEADERS ? headerNanos : bodyNanos;
        timer = ctx.executor().schedule(() -> {
            timer = null;
            if (phase == timed && ctx.channel().isActive()) {
                LOG.debugf("closing %s: request %s not complete within %d ms", ctx.channel().remoteAddress(),
                        timed == Phase.HEADERS ? "headers" : "body", TimeUnit.NANOSECONDS.toMillis(nanos));
                ctx.close();
            }
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
