package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TestClients;

/**
 * The live queue's batches reach players whole and exact: a player that joined before the stream
 * began and one that joined halfway (other timestamps: its own start at 0) both get every frame,
 * byte for byte, in order, with the publisher's spacing. Most batches go out as one encoding shared
 * by both players (RelativeChunks), so this is what that encoding must keep.
 */
class LiveBatchDeliveryIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int FRAMES = 600;
  private static final int JOIN_AT = 200;

  @TempDir Path apps;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();

  @BeforeEach
  void start() {
    nimbus = EmbeddedNimbus.start(apps, EmbeddedNimbus::queueingForAnyAudience, "live");
  }

  @AfterEach
  void stop() {
    clients.close();
    nimbus.close();
  }

  /** A frame of the test stream: video every other frame, a keyframe every 50 frames. */
  private record Frame(boolean video, long timestamp, byte[] body) {}

  private static Frame frame(int i) {
    boolean video = i % 2 == 0;
    // Video from 1 to 9 KB (one to three 4096-byte chunks), audio of a few hundred bytes.
    byte[] body = new byte[video ? 1000 + (i * 137) % 8000 : 200 + (i * 31) % 300];
    for (int b = 0; b < body.length; b++) {
      body[b] = (byte) (i * 7 + b);
    }
    if (video) {
      body[0] = (byte) (i % 100 == 0 ? 0x17 : 0x27);
      body[1] = 1;
    } else {
      body[0] = (byte) 0xAF;
      body[1] = 1;
    }
    // 2 ms apart: the whole stream, sent in a burst, spans 1.2 s of media, so no player falls
    // further behind than live.subscriberMaxLatency (2 s) and loses frames by that policy.
    return new Frame(video, i * 2L + (video ? 0 : 1), body);
  }

  private ClientStream stream() throws Exception {
    return clients.connect(nimbus.rtmpUri("live")).createStream().get(20, TimeUnit.SECONDS);
  }

  private static void send(ClientStream out, int from, int to) {
    for (int i = from; i < to; i++) {
      Frame f = frame(i);
      if (f.video()) {
        out.sendVideo(f.timestamp(), Unpooled.wrappedBuffer(f.body()));
      } else {
        out.sendAudio(f.timestamp(), Unpooled.wrappedBuffer(f.body()));
      }
    }
  }

  /** The next {@code count} audio or video messages the player got. */
  private static List<ReceivedMedia> received(ClientStream player, int count) throws Exception {
    List<ReceivedMedia> media = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      media.add(player.awaitMedia(m -> m.kind() != ReceivedMedia.Kind.DATA, WAIT));
    }
    return media;
  }

  private static void assertFrames(List<ReceivedMedia> got, int first) {
    long shift = got.get(0).timestamp() - frame(first).timestamp();
    for (int i = 0; i < got.size(); i++) {
      Frame sent = frame(first + i);
      ReceivedMedia media = got.get(i);
      String which = "frame " + (first + i);
      assertEquals(
          sent.video() ? ReceivedMedia.Kind.VIDEO : ReceivedMedia.Kind.AUDIO, media.kind(), which);
      assertEquals(sent.timestamp() + shift, media.timestamp(), which);
      assertArrayEquals(sent.body(), media.payload(), which);
    }
  }

  @Test
  void earlyAndLateJoinersGetEveryFrameExactly() throws Exception {
    ClientStream out = stream();
    out.publish("cam", "live").get(20, TimeUnit.SECONDS);
    ClientStream early = stream();
    early.play("cam").get(20, TimeUnit.SECONDS);
    nimbus.awaitSubscribers("live", "cam", 1);

    send(out, 0, JOIN_AT);
    assertFrames(received(early, JOIN_AT), 0);

    ClientStream late = stream();
    late.play("cam").get(20, TimeUnit.SECONDS);
    nimbus.awaitSubscribers("live", "cam", 2);
    send(out, JOIN_AT, FRAMES);

    assertFrames(received(early, FRAMES - JOIN_AT), JOIN_AT);
    // The late player starts with the cached GOP: the keyframe at 100, then the rest.
    List<ReceivedMedia> lateFrames = received(late, FRAMES - 100);
    assertEquals(0, lateFrames.get(0).timestamp(), "its own timestamps start at 0");
    assertFrames(lateFrames, 100);
  }
}
