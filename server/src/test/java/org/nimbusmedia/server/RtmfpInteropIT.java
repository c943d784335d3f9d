package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.Ffmpeg;
import org.nimbusmedia.server.testing.FlashPeer;
import org.nimbusmedia.server.testing.FlvTags;

/**
 * A stream published over RTMFP by our client plays in ffmpeg over RTMP: real H.264 and AAC (from
 * an FLV file ffmpeg made) go through RTMFP flows, the bus and an RTMP player, and ffprobe decodes
 * the result.
 */
class RtmfpInteropIT {
  private static final int SECONDS = 8;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private Ffmpeg ffmpeg;
  private final EventLoopGroup group = new NioEventLoopGroup(2);

  @BeforeEach
  void start() {
    nimbus = EmbeddedNimbus.startRtmpAndRtmfp(work.resolve("apps"), config -> config, "live");
    ffmpeg = new Ffmpeg(work);
  }

  @AfterEach
  void stop() {
    nimbus.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void ffmpegPlaysOverRtmpWhatOurClientPublishesOverRtmfp() throws Exception {
    List<FlvTags.Tag> tags = FlvTags.read(testFile());
    try (FlashPeer publisher = new FlashPeer(group)) {
      publisher.connect(nimbus.rtmfpAddress(), "live");
      int stream = publisher.client().createStream().get(20, TimeUnit.SECONDS);
      publisher.client().publish(stream, "cam");
      publisher.awaitStatus("NetStream.Publish.Start");
      CompletableFuture<Void> publishing =
          CompletableFuture.runAsync(() -> sendInRealTime(publisher, stream, tags));

      Path out = work.resolve("played.flv");
      ffmpeg.play("rtmp://127.0.0.1:" + nimbus.rtmpPort() + "/live/cam", out);
      publishing.get(SECONDS + 20, TimeUnit.SECONDS);

      assertEquals(List.of("aac", "h264"), ffmpeg.codecs(out));
      int frames = ffmpeg.decodedVideoFrames(out);
      assertTrue(frames >= 25, "ffprobe decoded " + frames + " frames, expected a second or more");
    }
  }

  /** H.264 (1 s GOP) and AAC, SECONDS long, as FLV. */
  private Path testFile() throws Exception {
    Path file = work.resolve("source.flv");
    ffmpeg.writeTestFile(file, SECONDS);
    return file;
  }

  /** Each tag as a flow message when its time comes, as a live encoder would send it. */
  private static void sendInRealTime(FlashPeer publisher, int stream, List<FlvTags.Tag> tags) {
    long start = System.nanoTime();
    try {
      for (FlvTags.Tag tag : tags) {
        long due = start + TimeUnit.MILLISECONDS.toNanos(tag.timestamp());
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        publisher.client().send(stream, new FlowMessage(tag.type(), tag.timestamp(), tag.body()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
