package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.server.config.CirrusConfig;
import org.nimbusmedia.server.config.RtmfpServerConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.FlashPeer;
import org.nimbusmedia.server.testing.TestClients;

/**
 * The rendezvous-only mode for applications written for Cirrus: {@code rtmfp://host/<developer
 * key>} gets a peer ID and introductions, and no calls or media unless a relay is configured.
 */
class CirrusModeIT {
  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final TestClients rtmpClients = new TestClients();

  private void start(CirrusConfig cirrus) throws Exception {
    Files.createDirectories(work.resolve("apps/relay"));
    nimbus =
        EmbeddedNimbus.startRtmpAndRtmfp(
            work.resolve("apps"),
            config -> config.withRtmfp(RtmfpServerConfig.defaults().withCirrus(cirrus)),
            "live");
  }

  @AfterEach
  void stop() {
    rtmpClients.close();
    if (nimbus != null) {
      nimbus.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void aListedKeyGetsRendezvousOnlyAndOthersAreRejected() throws Exception {
    start(new CirrusConfig(true, List.of("0123456789abcdef"), ""));
    try (FlashPeer alice = new FlashPeer(group);
        FlashPeer bob = new FlashPeer(group);
        FlashPeer mallory = new FlashPeer(group);
        FlashPeer carol = new FlashPeer(group)) {
      Command accepted = alice.connect(nimbus.rtmfpAddress(), "0123456789abcdef");
      Map<?, ?> info = (Map<?, ?>) accepted.argument(0);
      assertEquals("NetConnection.Connect.Success", info.get("code"));
      assertEquals(ByteBufUtil.hexDump(alice.client().peerId()), info.get("connectionID"));

      Command refused = mallory.connect(nimbus.rtmfpAddress(), "stolen-key");
      assertEquals("NetConnection.Connect.Rejected", ((Map<?, ?>) refused.argument(0)).get("code"));

      alice.awaitKeepaliveTimers(); // after Connect.Success
      alice.client().call("setPeerInfo", "10.0.0.2:1935");
      alice.awaitKeepaliveTimers(); // in answer to setPeerInfo
      Command call = alice.call("relay", "bob", "hello");
      assertEquals("_error", call.name());
      assertEquals("NetConnection.Call.Failed", ((Map<?, ?>) call.argument(0)).get("code"));
      int stream = alice.client().createStream().get(20, TimeUnit.SECONDS);
      alice.client().publish(stream, "cam");
      alice.awaitStatus("NetStream.Publish.BadName");

      // Introductions work as on Cirrus.
      bob.connect(nimbus.rtmfpAddress(), "0123456789abcdef");
      bob.client()
          .connectPeer(nimbus.rtmfpAddress(), alice.client().peerId())
          .get(20, TimeUnit.SECONDS);

      // A real application keeps working next to the Cirrus mode.
      Command application = carol.connect(nimbus.rtmfpAddress(), "live");
      assertEquals(
          "NetConnection.Connect.Success", ((Map<?, ?>) application.argument(0)).get("code"));
    }
  }

  @Test
  void anEmptyKeyListAcceptsAnyKey() throws Exception {
    start(new CirrusConfig(true, List.of(), ""));
    try (FlashPeer alice = new FlashPeer(group)) {
      Command accepted = alice.connect(nimbus.rtmfpAddress(), "any-key-at-all");
      assertEquals("NetConnection.Connect.Success", ((Map<?, ?>) accepted.argument(0)).get("code"));
    }
  }

  @Test
  void withARelayApplicationKeysPublishThroughTheServer() throws Exception {
    start(new CirrusConfig(true, List.of(), "relay"));
    RtmpClient viewer = rtmpClients.connect(nimbus.rtmpUri("relay/devkey"));
    ClientStream watching = viewer.createStream().get(20, TimeUnit.SECONDS);
    watching.play("cam").get(20, TimeUnit.SECONDS);
    try (FlashPeer alice = new FlashPeer(group)) {
      alice.connect(nimbus.rtmfpAddress(), "devkey");
      int stream = alice.client().createStream().get(20, TimeUnit.SECONDS);
      alice.client().publish(stream, "cam");
      alice.awaitStatus("NetStream.Publish.Start");
      byte[] keyframe = {0x17, 0x01, 0, 0, 0, 7, 7, 7};
      alice.client().send(stream, new FlowMessage(MessageType.VIDEO, 0, keyframe));

      ReceivedMedia frame =
          watching.awaitMedia(m -> m.kind() == ReceivedMedia.Kind.VIDEO, TestClients.WAIT);
      assertArrayEquals(keyframe, frame.payload());
    }
  }
}
