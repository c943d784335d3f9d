package org.nimbusmedia.server.script;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.remoting.AmfPacket;
import org.nimbusmedia.rtmp.remoting.AmfPacketCodec;
import org.nimbusmedia.scripting.host.ClientHandle;
import org.nimbusmedia.scripting.host.HttpHost;
import org.nimbusmedia.scripting.host.NetConnectionHost;

/**
 * A script's {@code NetConnection} to an AMF gateway (Flash Remoting, what {@code netservices.asc}
 * builds on): each {@code call} is one HTTP POST of an AMF0 packet (AMF0 specification section 4)
 * whose message targets the method, with response URI {@code "/n"}. The gateway's {@code
 * "/n/onResult"} goes to the responder's {@code onResult}, {@code "/n/onStatus"} to its {@code
 * onStatus}. As in Flash Player, connecting sends nothing and reports nothing; an HTTP failure is
 * reported on the connection as {@code NetConnection.Call.Failed}. The gateway may answer with the
 * headers {@code AppendToGatewayUrl}, {@code ReplaceGatewayUrl} and {@code RequestPersistentHeader}
 * (Flash Remoting conventions), which change later calls.
 */
final class GatewayConnection implements NetConnectionHost.Connection {

  private final HttpHost http;
  private final NetConnectionHost.Listener listener;
  private final Map<String, AmfPacket.Header> headers = new LinkedHashMap<>();
  private String url;
  private int nextResponse = 1;
  private boolean closed;

  GatewayConnection(String url, HttpHost http, NetConnectionHost.Listener listener) {
    this.url = url;
    this.http = http;
    this.listener = listener;
  }

  @Override
  public synchronized void addHeader(String name, boolean mustUnderstand, Object value) {
    if (value == null) {
      headers.remove(name);
    } else {
      headers.put(name, new AmfPacket.Header(name, mustUnderstand, value));
    }
  }

  @Override
  public void call(String method, List<Object> args, ClientHandle.CallResultListener result) {
    String responseUri;
    byte[] body;
    String target;
    synchronized (this) {
      if (closed) {
        callFailed("the connection is closed");
        return;
      }
      responseUri = "/" + nextResponse++;
      body =
          encode(
              new AmfPacket(
                  0,
                  new ArrayList<>(headers.values()),
                  List.of(new AmfPacket.Message(method, responseUri, new ArrayList<>(args)))));
      target = url;
    }
    http.send(
        new HttpHost.Request("POST", target, AmfPacket.CONTENT_TYPE, body),
        new HttpHost.Listener() {
          @Override
          public void onResponse(int status, byte[] answer) {
            if (status != 200) {
              callFailed("HTTP: Status " + status);
            } else {
              answered(responseUri, answer, result);
            }
          }

          @Override
          public void onFailure(String reason) {
            callFailed("HTTP: Failed (" + reason + ")");
          }
        });
  }

  private static byte[] encode(AmfPacket packet) {
    ByteBuf out = Unpooled.buffer();
    try {
      AmfPacketCodec.encode(packet, out);
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      return bytes;
    } finally {
      out.release();
    }
  }

  private void answered(String responseUri, byte[] answer, ClientHandle.CallResultListener result) {
    AmfPacket packet;
    ByteBuf in = Unpooled.wrappedBuffer(answer);
    try {
      packet = AmfPacketCodec.decode(in, AmfLimits.DEFAULT);
    } catch (AmfException e) {
      callFailed("Bad AMF answer from the gateway: " + e.getMessage());
      return;
    } finally {
      in.release();
    }
    packet.headers().forEach(this::onGatewayHeader);
    for (AmfPacket.Message message : packet.messages()) {
      if (message.targetUri().equals(responseUri + "/onResult")) {
        if (result != null) {
          result.onResult(message.body());
        }
        return;
      }
      if (message.targetUri().equals(responseUri + "/onStatus")) {
        if (result != null) {
          result.onStatus(message.body());
        }
        return;
      }
    }
    callFailed("The gateway's answer has no " + responseUri + " message");
  }

  /** The Flash Remoting headers a gateway may send back (AMF0 specification section 4.1). */
  private synchronized void onGatewayHeader(AmfPacket.Header header) {
    switch (header.name()) {
      case "AppendToGatewayUrl" -> url = url + header.value();
      case "ReplaceGatewayUrl" -> url = String.valueOf(header.value());
      case "RequestPersistentHeader" -> {
        if (header.value() instanceof Map<?, ?> persistent
            && persistent.get("name") instanceof String name) {
          addHeader(
              name, Boolean.TRUE.equals(persistent.get("mustUnderstand")), persistent.get("data"));
        }
      }
      default -> {
        // Other headers carry nothing a server-side script can use.
      }
    }
  }

  private void callFailed(String description) {
    listener.onStatus(
        AmfObject.of(
            "level", "error", "code", "NetConnection.Call.Failed", "description", description));
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
