package org.nimbusmedia.server.rtmfp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code reg.cgi} of the video phone sample over HTTP, in front of the RTMPT tunnel on the same
 * port: {@code GET <path>?username=U&identity=ID} registers (identity {@code 0} unregisters) and
 * answers {@code <result><update>true</update></result>}; {@code GET <path>?friends=U} answers
 * {@code <result><friend><user>U</user><identity>ID</identity></friend></result>}, without {@code
 * identity} when U is not registered (the protocol of the sample's {@code HttpIdManager}). Every
 * other request goes on to the tunnel. One instance per HTTP connection.
 */
public final class PeerRegistryHttp extends ChannelInboundHandlerAdapter {
  private static final int MAX_PARAMETERS = 8;

  private final String path;
  private final PeerRegistry registry;

  public PeerRegistryHttp(String path, PeerRegistry registry) {
    this.path = path;
    this.registry = registry;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)
        || !request.method().equals(HttpMethod.GET)
        || !new QueryStringDecoder(request.uri()).path().equals(path)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      QueryStringDecoder query =
          new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true, MAX_PARAMETERS);
      respond(ctx, answer(query.parameters()), HttpUtil.isKeepAlive(request));
    } finally {
      request.release();
    }
  }

  private String answer(Map<String, List<String>> parameters) {
    Optional<String> friend = first(parameters, "friends");
    if (friend.isPresent()) {
      String user = friend.get();
      String identity =
          registry.lookup(user).map(id -> "<identity>" + id + "</identity>").orElse("");
      return "<friend><user>" + escape(user) + "</user>" + identity + "</friend>";
    }
    boolean updated =
        registry.register(
            first(parameters, "username").orElse(null), first(parameters, "identity").orElse(null));
    return "<update>" + updated + "</update>";
  }

  private static Optional<String> first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private static void respond(ChannelHandlerContext ctx, String result, boolean keepAlive) {
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<result>" + result + "</result>\n")
            .getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8");
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    HttpUtil.setContentLength(response, body.length);
    HttpUtil.setKeepAlive(response, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** User names come back in XML: escape what XML reserves. */
  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
