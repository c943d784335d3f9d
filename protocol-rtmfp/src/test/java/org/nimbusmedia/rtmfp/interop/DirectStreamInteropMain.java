package org.nimbusmedia.rtmfp.interop;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nimbusmedia.rtmfp.flash.DirectStreams;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.amf.AmfLimits;

/**
 * Drives {@link DirectStreams} against real clients by hand (librtmfp's TestClient in {@code
 * --p2pWrite} or {@code --peerId} mode), through a server that introduces the peers.
 *
 * <ul>
 *   <li>{@code publish host port app stream file.flv seconds}: connects, prints its peer ID,
 *       publishes the FLV file's tags as a direct stream in real time once a subscriber came.
 *   <li>{@code play host port app peerIdHex stream seconds}: connects, opens a session to the peer
 *       and plays its direct stream, printing the status codes and counting messages by type.
 * </ul>
 */
public final class DirectStreamInteropMain {
  private DirectStreamInteropMain() {}

  public static void main(String[] args) throws Exception {
    InetSocketAddress server = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
    String app = args[3];
    String uri = "rtmfp://" + args[1] + ":" + args[2] + "/" + app;
    EventLoopGroup group = new NioEventLoopGroup(1);
    try (RtmfpClient client =
        RtmfpClient.create(group, RtmfpConfig.defaults(), Clock.systemUTC())) {
      DirectStreams streams = new DirectStreams(client);
      System.out.println(
          "connect -> " + client.connect(server, uri, app).get(20, TimeUnit.SECONDS).name());
      System.out.println("peer ID " + HexFormat.of().formatHex(client.peerId()));
      long seconds = Long.parseLong(args[6]);
      if (args[0].equals("publish")) {
        publish(streams, args[4], Path.of(args[5]), seconds);
      } else {
        play(client, streams, server, HexFormat.of().parseHex(args[4]), args[5], seconds);
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private static void publish(DirectStreams streams, String name, Path flv, long seconds)
      throws Exception {
    DirectStreams.Publication publication =
        streams.publish(
            name,
            peer -> {
              System.out.println("onPeerConnect " + HexFormat.of().formatHex(peer));
              return true;
            },
            DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (publication.subscribers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (publication.subscribers().isEmpty()) {
      System.out.println("no subscriber came");
      return;
    }
    Thread.sleep(500); // let the subscriber see Play.Start before the first frame
    int sent = 0;
    long start = System.nanoTime();
    try (InputStream in = Files.newInputStream(flv)) {
      DataInputStream data = new DataInputStream(in);
      data.skipNBytes(13); // FLV header and the first PreviousTagSize
      while (true) {
        FlowMessage tag = readTag(data);
        if (tag == null) {
          break;
        }
        long due = start + TimeUnit.MILLISECONDS.toNanos(tag.timestamp());
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        publication.send(tag);
        sent++;
      }
    }
    System.out.println("sent " + sent + " tags");
    Thread.sleep(2000);
  }

  /** One FLV tag as a flow message, or null at the end of the file. */
  private static FlowMessage readTag(DataInputStream data) throws IOException {
    int type;
    try {
      type = data.readUnsignedByte();
    } catch (EOFException end) {
      return null;
    }
    int size = (data.readUnsignedShort() << 8) | data.readUnsignedByte();
    long timestamp = (data.readUnsignedShort() << 8) | data.readUnsignedByte();
    timestamp |= (long) data.readUnsignedByte() << 24;
    data.skipNBytes(3); // stream id
    byte[] payload = data.readNBytes(size);
    data.skipNBytes(4); // PreviousTagSize
    return new FlowMessage(type, timestamp, payload);
  }

  private static void play(
      RtmfpClient client,
      DirectStreams streams,
      InetSocketAddress server,
      byte[] peerId,
      String name,
      long seconds)
      throws Exception {
    Session publisher = client.connectPeer(server, peerId).get(20, TimeUnit.SECONDS);
    System.out.println("direct session " + publisher);
    FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
    Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
    streams.play(
        publisher,
        name,
        message -> {
          counts.computeIfAbsent(message.type(), t -> new AtomicInteger()).incrementAndGet();
          if (FlowCommands.isCommand(message)) {
            System.out.println("command " + commands.decode(message, 0));
          } else if (message.type() == 0x12 && counts.get(0x12).get() <= 3) {
            System.out.println("data " + message);
          }
        });
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    Map<String, Integer> summary = new TreeMap<>();
    counts.forEach((type, count) -> summary.put(String.format("0x%02x", type), count.get()));
    System.out.println("received by type " + summary);
  }
}
