package org.nimbusmedia.rtmp.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.chunk.RtmpLimits;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.command.CommandCodec;
import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.message.AudioMessage;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.rtmp.message.RtmpPipeline;
import org.nimbusmedia.rtmp.message.SetChunkSize;
import org.nimbusmedia.rtmp.message.SetPeerBandwidth;
import org.nimbusmedia.rtmp.message.UserControlEvent;
import org.nimbusmedia.rtmp.message.VideoMessage;
import org.nimbusmedia.rtmp.message.WindowAcknowledgementSize;

/**
 * A scripted RTMP server on 127.0.0.1 for the client tests: the real server handshake and codecs
 * ({@link RtmpPipeline#addServerHandlers}, {@link CommandCodec}) with canned answers in the way FMS
 * 4 gives them. Everything the client sends is recorded (media as copies) for the tests to assert.
 *
 * <p>Script: app {@code reject...} gets {@code _error} NetConnection.Connect.Rejected and a close,
 * app {@code silent} gets no answer, any other app gets a 1000-byte acknowledgement window, Set
 * Peer Bandwidth, Set Chunk Size 4096, StreamBegin 0 and {@code _result}. {@code createStream}
 * returns 1, 2, ...; {@code echo} returns its first argument, {@code fail} gets {@code _error},
 * {@code never} gets nothing. {@code publish bad} and {@code play missing} get error statuses;
 * {@code play} otherwise sends StreamBegin, Play.Reset, Play.Start, onMetaData and {@link
 * #PLAYED_FRAMES} media messages. Names starting with {@code relay} are relayed: what a client
 * publishes under such a name goes to every client that plays it.
 */
final class ScriptedRtmpPeer implements AutoCloseable {

  /**
   * Acknowledgement window the peer sets, small so that a few frames trigger an Acknowledgement.
   */
  static final long WINDOW = 1000;

  /** What {@code play} sends after Play.Start: kind, timestamp, payload length. */
  static final List<long[]> PLAYED_FRAMES =
      List.of(
          new long[] {MessageKinds.VIDEO_KEY, 0, 3000},
          new long[] {MessageKinds.AUDIO, 0, 200},
          new long[] {MessageKinds.AUDIO, 23, 200},
          new long[] {MessageKinds.VIDEO_INTER, 40, 1500},
          new long[] {MessageKinds.AUDIO, 46, 200},
          new long[] {MessageKinds.VIDEO_INTER, 80, 1500},
          new long[] {MessageKinds.VIDEO_KEY, 120, 3000});

  /** Frame kinds of {@link #PLAYED_FRAMES}. */
  static final class MessageKinds {
    static final int AUDIO = 0;
    static final int VIDEO_KEY = 1;
    static final int VIDEO_INTER = 2;

    private MessageKinds() {}
  }

  /** A media message the client sent, copied. */
  record PeerMedia(int typeId, int streamId, long timestamp, byte[] payload) {}

  /** A player of a relayed name: its channel and stream id. */
  private record Subscriber(Channel channel, int streamId) {}

  private final Channel serverChannel;
  private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
  private final List<Object> received = new ArrayList<>();
  private volatile Channel lastChild;

  ScriptedRtmpPeer(EventLoopGroup group) throws InterruptedException {
    serverChannel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    lastChild = ch;
                    RtmpPipeline.addServerHandlers(
                        ch.pipeline(), Duration.ofSeconds(30), RtmpLimits.DEFAULTS);
                    ch.pipeline().addLast(new CommandCodec(AmfLimits.DEFAULT));
                    ch.pipeline().addLast(new Script());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  URI url(String app) {
    int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    return URI.create("rtmp://127.0.0.1:" + port + "/" + app);
  }

  /** Sends a message to the most recently connected client. */
  void send(Object message) {
    lastChild.writeAndFlush(message);
  }

  /** Takes the oldest recorded message of {@code type} that matches, waiting up to 30 s. */
  <T> T await(Class<T> type, Predicate<T> predicate) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    synchronized (received) {
      while (true) {
        for (Iterator<Object> it = received.iterator(); it.hasNext(); ) {
          Object message = it.next();
          if (type.isInstance(message) && predicate.test(type.cast(message))) {
            it.remove();
            return type.cast(message);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "peer did not receive the expected " + type.getSimpleName() + "; it has " + received);
        }
        received.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Takes the oldest recorded command named {@code name}. */
  Command awaitCommand(String name) throws InterruptedException {
    return await(Command.class, c -> c.name().equals(name));
  }

  /** A snapshot of what is recorded and not yet taken. */
  List<Object> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  private void record(Object message) {
    synchronized (received) {
      received.add(message);
      received.notifyAll();
    }
  }

  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
  }

  /** The scripted answers; one instance per connection. */
  private final class Script extends ChannelInboundHandlerAdapter {
    private final Map<Integer, String> published = new ConcurrentHashMap<>();
    private int nextStreamId = 1;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof MediaMessage media) {
          relay(media);
          record(
              new PeerMedia(
                  media.typeId(),
                  media.streamId(),
                  media.timestamp(),
                  ByteBufUtil.getBytes(media.content())));
          return;
        }
        // Commands, data messages and control records: immutable, no buffer to copy.
        record(msg);
        if (msg instanceof Command command) {
          answer(ctx, command);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void answer(ChannelHandlerContext ctx, Command command) {
      double tid = command.transactionId();
      int sid = command.streamId();
      switch (command.name()) {
        case "connect" -> {
          String app = String.valueOf(((Map<?, ?>) command.commandObject()).get("app"));
          if (app.startsWith("reject")) {
            ctx.writeAndFlush(
                Command.of(
                    "_error",
                    tid,
                    null,
                    AmfObject.of(
                        "level", "error",
                        "code", "NetConnection.Connect.Rejected",
                        "description", "Connection failed: Application rejected connection.",
                        "application", AmfObject.of("reason", "test"))));
            ctx.close();
          } else if (!app.equals("silent")) {
            ctx.write(new WindowAcknowledgementSize(WINDOW));
            ctx.write(new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.DYNAMIC));
            ctx.write(new SetChunkSize(4096));
            ctx.write(new UserControlEvent.StreamBegin(0));
            ctx.writeAndFlush(
                Command.of(
                    "_result",
                    tid,
                    AmfObject.of("fmsVer", "FMS/4,5,0,297", "capabilities", 31.0, "mode", 1.0),
                    AmfObject.of(
                        "level", "status",
                        "code", "NetConnection.Connect.Success",
                        "description", "Connection succeeded.",
                        "objectEncoding", 0.0)));
          }
        }
        case "createStream" ->
            ctx.writeAndFlush(reply(command, "_result", (double) nextStreamId++));
        case "echo" -> ctx.writeAndFlush(reply(command, "_result", command.argument(0)));
        case "fail" ->
            ctx.writeAndFlush(
                reply(
                    command,
                    "_error",
                    AmfObject.of(
                        "level", "error",
                        "code", "NetConnection.Call.Failed",
                        "description", "Method not found (fail).")));
        case "publish" -> {
          published.put(sid, String.valueOf(command.argument(0)));
          if ("bad".equals(command.argument(0))) {
            ctx.writeAndFlush(status(sid, "error", "NetStream.Publish.BadName"));
          } else {
            ctx.writeAndFlush(status(sid, "status", "NetStream.Publish.Start"));
          }
        }
        case "play" -> play(ctx, sid, String.valueOf(command.argument(0)));
        case "pause" ->
            ctx.writeAndFlush(
                status(
                    sid,
                    "status",
                    Boolean.TRUE.equals(command.argument(0))
                        ? "NetStream.Pause.Notify"
                        : "NetStream.Unpause.Notify"));
        default -> {
          // never, closeStream, deleteStream, receiveAudio, _result and _error from the client:
          // recorded only.
        }
      }
    }

    private void relay(MediaMessage media) {
      String name = published.get(media.streamId());
      for (Subscriber subscriber : subscribers.getOrDefault(name == null ? "" : name, List.of())) {
        subscriber.channel.writeAndFlush(
            media instanceof AudioMessage
                ? new AudioMessage(
                    subscriber.streamId, media.timestamp(), media.content().retainedDuplicate())
                : new VideoMessage(
                    subscriber.streamId, media.timestamp(), media.content().retainedDuplicate()));
      }
    }

    private void play(ChannelHandlerContext ctx, int sid, String name) {
      if (name.startsWith("relay")) {
        subscribers
            .computeIfAbsent(name, n -> new CopyOnWriteArrayList<>())
            .add(new Subscriber(ctx.channel(), sid));
        ctx.write(new UserControlEvent.StreamBegin(sid));
        ctx.writeAndFlush(status(sid, "status", "NetStream.Play.Start"));
        return;
      }
      if (name.equals("missing")) {
        ctx.write(status(sid, "status", "NetStream.Play.Reset"));
        ctx.writeAndFlush(status(sid, "error", "NetStream.Play.StreamNotFound"));
        return;
      }
      ctx.write(new UserControlEvent.StreamBegin(sid));
      ctx.write(status(sid, "status", "NetStream.Play.Reset"));
      ctx.write(status(sid, "status", "NetStream.Play.Start"));
      ctx.write(
          new DataMessage(
              sid,
              0,
              List.of("onMetaData", AmfEcmaArray.of("width", 640.0, "height", 360.0)),
              ObjectEncoding.AMF0));
      int index = 0;
      for (long[] frame : PLAYED_FRAMES) {
        byte[] payload = new byte[(int) frame[2]];
        payload[0] =
            (byte)
                switch ((int) frame[0]) {
                  case MessageKinds.AUDIO -> 0xAF;
                  case MessageKinds.VIDEO_KEY -> 0x17;
                  default -> 0x27;
                };
        payload[payload.length - 1] = (byte) index++;
        ctx.write(
            frame[0] == MessageKinds.AUDIO
                ? new AudioMessage(sid, frame[1], Unpooled.wrappedBuffer(payload))
                : new VideoMessage(sid, frame[1], Unpooled.wrappedBuffer(payload)));
      }
      ctx.flush();
    }

    private Command reply(Command command, String name, Object value) {
      return Command.of(name, command.transactionId(), null, value)
          .withEncoding(command.encoding());
    }

    private Command status(int sid, String level, String code) {
      return Command.of(
              "onStatus", 0, null, AmfObject.of("level", level, "code", code, "description", code))
          .onStream(sid);
    }
  }
}
