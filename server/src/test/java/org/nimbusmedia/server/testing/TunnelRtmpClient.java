package org.nimbusmedia.server.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.chunk.RtmpLimits;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.command.CommandCodec;
import org.nimbusmedia.rtmp.message.RtmpPipeline;

/**
 * A small RTMP client for tests, driven from the test thread: our own client pipeline runs in an
 * {@link EmbeddedChannel} and its bytes travel either over a TCP socket ({@link #tcp}) or through
 * the RTMPT tunnel as {@code /send} and {@code /idle} POSTs ({@link #tunnel}), the way ffmpeg's
 * client polls: an idle after an empty reply comes 50 ms later, otherwise at once. Kept beside the
 * project's {@code RtmpClient} (which speaks {@code rtmpt://} too, polling as the server's interval
 * byte says) because it is a second, independent tunnel client: RtmptLatencyIT measures what a
 * client polling like ffmpeg gets, and the front-end tests drive the tunnel from the test thread.
 */
public final class TunnelRtmpClient implements AutoCloseable {
  /** Moves the client's bytes to the server and returns what came back. */
  private interface Transport extends AutoCloseable {
    byte[] exchange(byte[] out) throws IOException, InterruptedException;

    @Override
    void close() throws IOException;
  }

  private final Transport transport;
  private final EmbeddedChannel rtmp = new EmbeddedChannel();
  private final ArrayDeque<Object> inbound = new ArrayDeque<>();
  private double transactions = 1;

  private TunnelRtmpClient(Transport transport) {
    this.transport = transport;
    RtmpPipeline.addClientHandlers(rtmp.pipeline(), Duration.ofSeconds(30), RtmpLimits.DEFAULTS);
    rtmp.pipeline().addLast(new CommandCodec(AmfLimits.DEFAULT));
    rtmp.pipeline()
        .addLast(
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                inbound.add(msg);
              }
            });
  }

  /** A client over plain RTMP on {@code port}. */
  public static TunnelRtmpClient tcp(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(20);
    return new TunnelRtmpClient(new TcpTransport(socket));
  }

  /** A client through the RTMPT tunnel on {@code port}: opens a session at once. */
  public static TunnelRtmpClient tunnel(int port) throws IOException, InterruptedException {
    return new TunnelRtmpClient(new HttpTransport(port));
  }

  /** Sends what the client pipeline wrote and feeds in what the server sent back. */
  public void exchange() throws IOException, InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuf written;
    while ((written = rtmp.readOutbound()) != null) {
      out.writeBytes(ByteBufUtil.getBytes(written));
      written.release();
    }
    byte[] in = transport.exchange(out.toByteArray());
    if (in.length > 0) {
      rtmp.writeInbound(Unpooled.wrappedBuffer(in));
    }
    rtmp.runPendingTasks();
  }

  /** Exchanges until a message matches {@code match}; fails after {@code limit}. */
  public Object await(Predicate<Object> match, Duration limit)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Object message;
      while ((message = inbound.poll()) != null) {
        if (match.test(message)) {
          return message;
        }
        ReferenceCountUtil.release(message);
      }
      exchange();
    }
    throw new AssertionError("no matching message within " + limit);
  }

  /** The next message received, exchanging as needed, or null after {@code limit}. */
  public Object next(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (inbound.isEmpty() && System.nanoTime() < deadline) {
      exchange();
    }
    return inbound.poll();
  }

  /** Queues {@code message} for the next exchange. */
  public void write(Object message) {
    rtmp.writeOutbound(message);
  }

  /** {@code connect} to {@code app}; returns the server's answer (_result or _error). */
  public Command connect(String app, String tcUrl) throws IOException, InterruptedException {
    // The handshake handler does not hold back later writes: finish it before connect.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (rtmp.pipeline().get(RtmpPipeline.HANDSHAKE) != null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("handshake not done within 30 s");
      }
      exchange();
    }
    write(
        Command.of(
            "connect",
            transactions++,
            AmfObject.of(
                "app", app, "tcUrl", tcUrl, "flashVer", "LNX 11,2,202,0", "objectEncoding", 0.0)));
    return (Command) await(TunnelRtmpClient::isAnswer, Duration.ofSeconds(30));
  }

  /** {@code createStream}; returns the new stream's id. */
  public int createStream() throws IOException, InterruptedException {
    write(Command.of("createStream", transactions++, null));
    Command answer = (Command) await(TunnelRtmpClient::isAnswer, Duration.ofSeconds(30));
    return ((Number) answer.argument(0)).intValue();
  }

  /**
   * Sends {@code name} with {@code arguments} on {@code streamId}; returns its onStatus code,
   * passing over the NetStream.Play.Reset that FMS sends before NetStream.Play.Start.
   */
  public String streamCommand(int streamId, String name, Object... arguments)
      throws IOException, InterruptedException {
    write(new Command(streamId, name, 0, null, Arrays.asList(arguments), ObjectEncoding.AMF0));
    Command status =
        (Command)
            await(
                message ->
                    message instanceof Command c
                        && c.name().equals("onStatus")
                        && !"NetStream.Play.Reset".equals(((AmfObject) c.argument(0)).get("code")),
                Duration.ofSeconds(30));
    return String.valueOf(((AmfObject) status.argument(0)).get("code"));
  }

  private static boolean isAnswer(Object message) {
    return message instanceof Command command
        && List.of("_result", "_error").contains(command.name());
  }

  @Override
  public void close() throws IOException {
    for (Object message : inbound) {
      ReferenceCountUtil.release(message);
    }
    inbound.clear();
    rtmp.finishAndReleaseAll();
    transport.close();
  }

  private static final class TcpTransport implements Transport {
    private final Socket socket;
    private final byte[] buffer = new byte[64 * 1024];

    TcpTransport(Socket socket) {
      this.socket = socket;
    }

    @Override
    public byte[] exchange(byte[] out) throws IOException {
      OutputStream output = socket.getOutputStream();
      output.write(out);
      output.flush();
      InputStream input = socket.getInputStream();
      try {
        int read = input.read(buffer);
        if (read < 0) {
          throw new IOException("the server closed the connection");
        }
        return Arrays.copyOf(buffer, read);
      } catch (SocketTimeoutException e) {
        return new byte[0];
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** The RTMPT side: {@code reference/fms4.md} section 3. */
  private static final class HttpTransport implements Transport {
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final String session;
    private int sequence;
    private boolean lastWasEmpty;

    HttpTransport(int port) throws IOException, InterruptedException {
      this.base = "http://127.0.0.1:" + port;
      HttpResponse<byte[]> open = post("/open/1", new byte[1]);
      if (open.statusCode() != 200) {
        throw new IOException("open answered " + open.statusCode());
      }
      this.session = new String(open.body(), StandardCharsets.US_ASCII).trim();
    }

    HttpResponse<byte[]> post(String path, byte[] body) throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/x-fcs")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public byte[] exchange(byte[] out) throws IOException, InterruptedException {
      HttpResponse<byte[]> reply;
      if (out.length > 0) {
        reply = post("/send/" + session + "/" + sequence++, out);
      } else {
        if (lastWasEmpty) {
          Thread.sleep(50); // as ffmpeg's rtmphttp.c does after an empty reply
        }
        reply = post("/idle/" + session + "/" + sequence++, new byte[1]);
      }
      if (reply.statusCode() != 200 || reply.body().length == 0) {
        throw new IOException("RTMPT answered " + reply.statusCode());
      }
      byte[] data = Arrays.copyOfRange(reply.body(), 1, reply.body().length);
      lastWasEmpty = data.length == 0;
      return data;
    }

    @Override
    public void close() throws IOException {
      try {
        post("/close/" + session + "/" + sequence++, new byte[1]);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
