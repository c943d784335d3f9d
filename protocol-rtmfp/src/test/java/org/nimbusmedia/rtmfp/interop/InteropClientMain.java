package org.nimbusmedia.rtmfp.interop;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmp.command.Command;

/**
 * Drives {@link RtmfpClient} against a real server by hand (rtmfp-cpp's tcserver): connects,
 * creates a stream, publishes {@code count} data messages on it, plays it back on a second stream,
 * then closes the session, printing each reply and event.
 *
 * <p>Arguments: {@code host port rtmfp-uri app [count]}.
 */
public final class InteropClientMain {
  private InteropClientMain() {}

  public static void main(String[] args) throws Exception {
    InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    int count = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    EventLoopGroup group = new NioEventLoopGroup(1);
    try (RtmfpClient client =
        RtmfpClient.create(group, RtmfpConfig.defaults(), Clock.systemUTC())) {
      client.onMessage((stream, m) -> System.out.println("stream " + stream + " event " + m));
      Command connected = client.connect(server, args[2], args[3]).get(20, TimeUnit.SECONDS);
      System.out.println("connect -> " + connected.name() + " " + connected.arguments());
      System.out.println("session " + client.session());
      System.out.println("near nonce " + HexFormat.of().formatHex(client.session().nearNonce()));
      int publishing = client.createStream().get(20, TimeUnit.SECONDS);
      System.out.println("createStream -> " + publishing);
      client.publish(publishing, "interop");
      int playing = client.createStream().get(20, TimeUnit.SECONDS);
      client.play(playing, "interop");
      Thread.sleep(500);
      for (int i = 0; i < count; i++) {
        // An audio message: AAC-looking bytes, 20 ms apart in stream time.
        byte[] payload = new byte[200];
        payload[0] = (byte) 0xaf;
        payload[1] = 1;
        client.send(publishing, new FlowMessage(0x08, i * 20L, payload));
        Thread.sleep(20);
      }
      Thread.sleep(1000);
      System.out.println("rtt " + client.session().rttMillis() + " ms");
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
