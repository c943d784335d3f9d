package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;
import org.nimbusmedia.server.testing.Ffmpeg;
import org.nimbusmedia.server.testing.FlvTags;
import org.nimbusmedia.server.testing.TestClients;

/**
 * Our Java client over {@code rtmpt://} ({@code reference/fms4.md} section 3): it connects through
 * the HTTP tunnel, the server sees an RTMPT client, media crosses between the tunnel and plain RTMP
 * byte for byte, and it interoperates with ffmpeg and rtmpdump on the other end of a stream.
 */
class RtmptClientIT {
  private static final Duration WAIT = TestClients.WAIT;
  private static final int SECONDS = 4;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();
  private final List<ExternalTool> tools = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("whoami"));
    Files.writeString(
        apps.resolve("whoami/main.asc"),
        "Client.prototype.protocolSeen = function() { return this.protocol; };\n");
    nimbus = EmbeddedNimbus.start(apps, EmbeddedNimbus::withRtmpt, "live");
  }

  @AfterEach
  void stop() {
    tools.forEach(ExternalTool::close);
    clients.close();
    nimbus.close();
  }

  private URI rtmpt(String path) {
    return URI.create("rtmpt://127.0.0.1:" + nimbus.port("rtmpt") + "/" + path);
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private ClientStream stream(URI uri) throws Exception {
    return await(clients.connect(uri).createStream());
  }

  /** The next audio or video message, past the data messages that start every play. */
  private static ReceivedMedia nextFrame(ClientStream stream) throws Exception {
    return stream.awaitMedia(m -> m.kind() != ReceivedMedia.Kind.DATA, WAIT);
  }

  @Test
  void connectsThroughTheTunnelAndTheServerSeesAnRtmptClient() throws Exception {
    RtmpClient client = clients.connect(rtmpt("whoami"));

    assertEquals("rtmpt", await(client.call("protocolSeen")));
  }

  @Test
  void anUnknownApplicationIsRejectedThroughTheTunnelAsOverTcp() {
    RtmpClient client = clients.create(RtmpClientConfig.DEFAULTS);

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> await(client.connect(rtmpt("nosuchapp"))));

    assertTrue(
        failed.getCause().getMessage().contains("NetConnection.Connect.Rejected"),
        failed.getCause().toString());
  }

  @Test
  void anRtmpPlayerGetsTheFramesAnRtmptClientPublishes() throws Exception {
    ClientStream publishing = stream(rtmpt("live"));
    await(publishing.publish("fromTunnel", "live"));
    ClientStream playing = stream(nimbus.rtmpUri("live"));
    await(playing.play("fromTunnel"));

    byte[] keyframe = {0x17, 1, 0, 0, 0, 0x65, 1, 2, 3};
    byte[] audio = {(byte) 0xAF, 1, 0x21, 7};
    byte[] interframe = {0x27, 1, 0, 0, 0, 0x41, 9};
    publishing.sendVideo(0, Unpooled.wrappedBuffer(keyframe));
    publishing.sendAudio(10, Unpooled.wrappedBuffer(audio));
    publishing.sendVideo(40, Unpooled.wrappedBuffer(interframe));

    assertArrayEquals(keyframe, nextFrame(playing).payload());
    assertArrayEquals(audio, nextFrame(playing).payload());
    ReceivedMedia last = nextFrame(playing);
    assertArrayEquals(interframe, last.payload());
    assertEquals(ReceivedMedia.Kind.VIDEO, last.kind());
  }

  @Test
  void anRtmptPlayerGetsTheFramesAnRtmpClientPublishes() throws Exception {
    ClientStream publishing = stream(nimbus.rtmpUri("live"));
    await(publishing.publish("toTunnel", "live"));
    ClientStream playing = stream(rtmpt("live"));
    await(playing.play("toTunnel"));

    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      byte[] frame = {(byte) (i % 25 == 0 ? 0x17 : 0x27), 1, 0, 0, 0, 0x41, (byte) i};
      sent.add(frame);
      publishing.sendVideo(i * 40L, Unpooled.wrappedBuffer(frame));
    }

    for (int i = 0; i < sent.size(); i++) {
      ReceivedMedia frame = nextFrame(playing);
      assertArrayEquals(sent.get(i), frame.payload(), "frame " + i);
      assertEquals(i * 40L, frame.timestamp(), "timestamp of frame " + i);
    }
  }

  @Test
  void closeEndsTheTunnelSessionAndTheServerForgetsTheClient() throws Exception {
    RtmpClient client = clients.connect(rtmpt("live"));
    AppAddress live = new AppAddress("live", AppAddress.DEFAULT_INSTANCE);
    assertEquals(1, clientsOf(live));

    client.close();
    await(client.closeFuture());

    long deadline = System.nanoTime() + WAIT.toNanos();
    while (clientsOf(live) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, clientsOf(live));
  }

  private int clientsOf(AppAddress address) {
    return nimbus
        .server()
        .applications()
        .instance(address)
        .map(instance -> instance.clients().size())
        .orElse(0);
  }

  @Test
  void playsOverRtmptWhatFfmpegPublishesOverRtmp() throws Exception {
    Ffmpeg ffmpeg = new Ffmpeg(work);
    ExternalTool publisher =
        ffmpeg.publishTestStream("rtmp://127.0.0.1:" + nimbus.rtmpPort() + "/live/ff", 30);
    tools.add(publisher);
    Ffmpeg.awaitPublished(nimbus, publisher, "live", "ff");
    ClientStream playing = stream(rtmpt("live"));

    await(playing.play("ff"));

    ReceivedMedia header =
        playing.awaitMedia(m -> m.kind() == ReceivedMedia.Kind.VIDEO && m.isKeyframe(), WAIT);
    // FLV E.4.3.1: AVC (codec 7) keyframe; the first one a player gets is the sequence header.
    assertEquals(0x17, header.payload()[0]);
    assertEquals(0, header.payload()[1], "AVC sequence header first");
    for (int i = 0; i < 25; i++) {
      playing.awaitMedia(m -> m.kind() == ReceivedMedia.Kind.VIDEO, WAIT);
    }
    assertTrue(playing.videoFrames() >= 26, "a second of H.264 video through the tunnel");
  }

  @Test
  void ffmpegAndRtmpdumpPlayOverRtmptWhatWePublishOverRtmpt() throws Exception {
    Ffmpeg ffmpeg = new Ffmpeg(work);
    Path source = work.resolve("source.flv");
    ffmpeg.writeTestFile(source, SECONDS * 3);
    List<FlvTags.Tag> tags = FlvTags.read(source);
    ClientStream publishing = stream(rtmpt("live"));
    await(publishing.publish("ours", "live"));
    CompletableFuture<Void> sending =
        CompletableFuture.runAsync(() -> sendInRealTime(publishing, tags));
    String url = "rtmpt://127.0.0.1:" + nimbus.port("rtmpt") + "/live/ours";

    Path played = work.resolve("ffmpeg.flv");
    ffmpeg.play(url, played);
    Path dumped = work.resolve("rtmpdump.flv");
    try (ExternalTool dump = ffmpeg.startRtmpdumpLive(url, dumped, 3)) {
      dump.waitFor(Ffmpeg.LIMIT); // exits 2 (incomplete) on SIGINT by design
    }
    sending.get(SECONDS * 3 + 20L, TimeUnit.SECONDS);

    ffmpeg.assertPlayable(played);
    assertEquals(List.of("aac", "h264"), ffmpeg.codecs(dumped));
    assertTrue(ffmpeg.decodedVideoFrames(dumped) > 0, "rtmpdump recorded decodable video");
  }

  /** Each tag when its time comes, as a live encoder sends it. */
  private static void sendInRealTime(ClientStream stream, List<FlvTags.Tag> tags) {
    long start = System.nanoTime();
    try {
      for (FlvTags.Tag tag : tags) {
        long wait = start + TimeUnit.MILLISECONDS.toNanos(tag.timestamp()) - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        switch (tag.type()) {
          case 8 -> stream.sendAudio(tag.timestamp(), Unpooled.wrappedBuffer(tag.body()));
          case 9 -> stream.sendVideo(tag.timestamp(), Unpooled.wrappedBuffer(tag.body()));
          default -> {} // onMetaData: players do without it
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
