package org.nimbusmedia.server.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin port's three resources: {@code GET /admin/<method>} (FMS admin API over HTTP, {@code
 * reference/fms4.md} section 5.1), {@code GET /metrics} (Prometheus) and {@code GET /health} (for
 * container orchestrators, never behind a login). Runs on the admin executor, not an I/O thread:
 * checking a bcrypt hash takes a while on purpose.
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);
  private static final String ADMIN_PREFIX = "/admin/";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String REALM = "Basic realm=\"Nimbus admin\", charset=\"UTF-8\"";

  private final AdminAuthenticator authenticator;
  private final AdminMethods methods;
  private final NimbusMetrics metrics;
  private final BooleanSupplier running;
  private final Clock clock;

  AdminHttpHandler(
      AdminAuthenticator authenticator,
      AdminMethods methods,
      NimbusMetrics metrics,
      BooleanSupplier running,
      Clock clock) {
    this.authenticator = authenticator;
    this.methods = methods;
    this.metrics = metrics;
    this.running = running;
    this.clock = clock;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.decoderResult().isSuccess()) {
      send(ctx, text(HttpResponseStatus.BAD_REQUEST, "Bad request\n"), false);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    Map<String, String> query = firstValues(uri.parameters());
    boolean xml = "xml".equalsIgnoreCase(query.get("format"));
    String path = uri.path();
    if (path.equals("/health")) {
      boolean up = running.getAsBoolean();
      send(
          ctx,
          json(
              up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
              "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}"),
          keepAlive);
      return;
    }
    if (!request.method().equals(HttpMethod.GET)) {
      FullHttpResponse refused =
          reply(
              HttpResponseStatus.METHOD_NOT_ALLOWED, error(AdminException.FAILED, "Use GET."), xml);
      refused.headers().set(HttpHeaderNames.ALLOW, "GET");
      send(ctx, refused, keepAlive);
      return;
    }
    if (!path.equals("/metrics") && !path.startsWith(ADMIN_PREFIX)) {
      send(
          ctx,
          text(HttpResponseStatus.NOT_FOUND, "Not found: /admin/<method>, /metrics, /health\n"),
          keepAlive);
      return;
    }
    AdminAuthenticator.Outcome outcome = authenticator.check(request, query, peer(ctx));
    if (outcome instanceof AdminAuthenticator.Outcome.Refused) {
      log.warn("Admin login refused from {} for {}", peer(ctx).getHostAddress(), path);
      FullHttpResponse refused =
          loginRefused(
              HttpResponseStatus.UNAUTHORIZED,
              "Admin user requires valid username and password.",
              xml);
      refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, REALM);
      send(ctx, refused, keepAlive);
      return;
    }
    if (outcome instanceof AdminAuthenticator.Outcome.LockedOut locked) {
      long seconds = Math.max(1, (locked.retryAfter().toMillis() + 999) / 1000);
      log.warn("Admin logins from {} locked out for {} s", peer(ctx).getHostAddress(), seconds);
      FullHttpResponse refused =
          loginRefused(
              HttpResponseStatus.TOO_MANY_REQUESTS,
              "Too many failed logins from this address; try again in " + seconds + " s.",
              xml);
      refused.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds));
      send(ctx, refused, keepAlive);
      return;
    }
    if (path.equals("/metrics")) {
      FullHttpResponse scrape = response(HttpResponseStatus.OK, metrics.scrape(), PROMETHEUS_TEXT);
      send(ctx, scrape, keepAlive);
      return;
    }
    String method = path.substring(ADMIN_PREFIX.length());
    methods
        .call(method, new AdminParams(query))
        .whenComplete(
            (data, failure) ->
                ctx.executor()
                    .execute(() -> send(ctx, answer(method, data, failure, xml), keepAlive)));
  }

  private FullHttpResponse answer(String method, Object data, Throwable failure, boolean xml) {
    if (failure == null) {
      return reply(HttpResponseStatus.OK, AdminReply.success(data, clock.instant()), xml);
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof AdminException refused) {
      return reply(refused.status(), error(refused.code(), refused.getMessage()), xml);
    }
    log.warn("Admin method {} failed: {}", method, cause.toString());
    return reply(
        HttpResponseStatus.INTERNAL_SERVER_ERROR,
        error(AdminException.FAILED, method + " failed: " + cause.getMessage()),
        xml);
  }

  /**
   * FMS refuses an admin login as it refuses any connect: {@code NetConnection.Connect.Rejected}.
   */
  private FullHttpResponse loginRefused(
      HttpResponseStatus status, String description, boolean xml) {
    return reply(status, error("NetConnection.Connect.Rejected", description), xml);
  }

  private AdminReply error(String code, String description) {
    return AdminReply.error(code, description, clock.instant());
  }

  private static FullHttpResponse reply(HttpResponseStatus status, AdminReply reply, boolean xml) {
    return xml
        ? response(status, reply.toXml(), "text/xml; charset=utf-8")
        : json(status, reply.toJson());
  }

  private static FullHttpResponse json(HttpResponseStatus status, String body) {
    return response(status, body, "application/json; charset=utf-8");
  }

  private static FullHttpResponse text(HttpResponseStatus status, String body) {
    return response(status, body, "text/plain; charset=utf-8");
  }

  private static FullHttpResponse response(HttpResponseStatus status, String body, String type) {
    ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    return response;
  }

  private static void send(
      ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static Map<String, String> firstValues(Map<String, List<String>> parameters) {
    Map<String, String> first = new HashMap<>();
    parameters.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.get(0)));
    return first;
  }

  private static InetAddress peer(ChannelHandlerContext ctx) {
    return ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.info(
        "Admin connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
