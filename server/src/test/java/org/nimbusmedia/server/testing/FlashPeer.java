package org.nimbusmedia.server.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.nimbusmedia.rtmfp.flash.FlashUserControl;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.rtmp.so.SharedObjectCodec;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;

/**
 * Our RTMFP client as a Flash Player 10 NetConnection in tests: AMF3 commands, and every message
 * that is not a reply queued for the test to wait on, decoded as commands, shared object messages
 * or raw flow messages.
 */
public final class FlashPeer implements AutoCloseable {
  /** A message from the server on a message stream. */
  public record Received(int streamId, FlowMessage message) {}

  private final RtmfpClient client;
  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private final SharedObjectCodec sharedObjects = new SharedObjectCodec(AmfLimits.DEFAULT);
  private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

  public FlashPeer(io.netty.channel.EventLoopGroup group) {
    this.client = RtmfpClient.create(group, RtmfpConfig.defaults(), Clock.systemUTC()).useAmf3();
    client.onMessage((streamId, message) -> received.add(new Received(streamId, message)));
  }

  public RtmfpClient client() {
    return client;
  }

  /**
   * Connects to {@code rtmfp://127.0.0.1:port/app}; returns the {@code _result} or {@code _error}.
   */
  public Command connect(InetSocketAddress server, String app, Object... args) throws Exception {
    String tcUrl = "rtmfp://127.0.0.1:" + server.getPort() + "/" + app;
    return client
        .connect(server, tcUrl, app, args)
        .get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  public Command call(String method, Object... args) throws Exception {
    return client.call(method, args).get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The next message matching {@code predicate}; earlier ones are discarded. */
  public Received await(Predicate<Received> predicate, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Received next = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("no matching RTMFP message within " + timeout);
      }
      if (predicate.test(next)) {
        return next;
      }
    }
  }

  /** The next command named {@code name}. */
  public Command awaitCommand(String name) throws Exception {
    Received r =
        await(
            m -> FlowCommands.isCommand(m.message()) && decode(m).name().equals(name),
            TestClients.WAIT);
    return decode(r);
  }

  /** The next {@code onStatus} with {@code code}, on any stream. */
  public Map<?, ?> awaitStatus(String code) throws Exception {
    Received r =
        await(
            m ->
                FlowCommands.isCommand(m.message())
                    && decode(m).name().equals("onStatus")
                    && decode(m).argument(0) instanceof Map<?, ?> info
                    && code.equals(info.get("code")),
            TestClients.WAIT);
    return (Map<?, ?>) decode(r).argument(0);
  }

  /** The next Set Keepalive Timers (RFC 7425 section 5.3.4), the answer to setPeerInfo. */
  public Received awaitKeepaliveTimers() throws Exception {
    return await(
        m ->
            m.message().type() == FlashUserControl.USER_CONTROL
                && FlashUserControl.eventType(m.message()) == FlashUserControl.SET_KEEPALIVE_TIMERS,
        TestClients.WAIT);
  }

  /** The next shared object message for {@code name}. */
  public SharedObjectMessage awaitSharedObject(String name) throws Exception {
    Received r =
        await(
            m ->
                m.message().type() == MessageType.SHARED_OBJECT_AMF0
                    && decodeSharedObject(m).name().equals(name),
            TestClients.WAIT);
    return decodeSharedObject(r);
  }

  public Command decode(Received received) {
    return commands.decode(received.message(), received.streamId());
  }

  private SharedObjectMessage decodeSharedObject(Received r) {
    ByteBuf in = Unpooled.wrappedBuffer(r.message().payload());
    try {
      return sharedObjects.decode(r.streamId(), ObjectEncoding.AMF0, in);
    } finally {
      in.release();
    }
  }

  /** Sends a shared object message on the NetConnection flow. */
  public void send(SharedObjectMessage message) {
    ByteBuf out = Unpooled.buffer();
    try {
      sharedObjects.encode(message, out);
      client.sendOnConnection(
          new FlowMessage(MessageType.SHARED_OBJECT_AMF0, 0, ByteBufUtil.getBytes(out)));
    } finally {
      out.release();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
