package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.MediaListener;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpStatusException;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.message.AudioMessage;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.server.config.MediaConfig;
import org.nimbusmedia.server.config.StorageConfig;
import org.nimbusmedia.server.media.flv.FlvIndex;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.SyntheticMedia;
import org.nimbusmedia.server.testing.TestClients;

/**
 * Recording and video on demand with our Java client (FMS 4 NetStream semantics, {@code
 * reference/fms4.md} 1.4 and 1.10): publish with record and append, play recorded files from a
 * position, seek, pause, {@code len}, playlists, virtual directories, damaged files, and stream
 * names that try to leave the storage folders.
 */
class VodIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path work;
  private Path recordings;
  private Path virtual;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();

  @BeforeEach
  void start() {
    recordings = work.resolve("streams");
    virtual = work.resolve("media");
    nimbus =
        EmbeddedNimbus.start(
            work.resolve("apps"),
            config ->
                config
                    .withStorage(new StorageConfig(recordings, work.resolve("so")))
                    .withMedia(
                        new MediaConfig(
                            null,
                            null,
                            null,
                            null,
                            null,
                            List.of(new MediaConfig.VirtualDirectory("media", virtual)))),
            "vod");
    try {
      Files.writeString(
          work.resolve("apps").resolve("vod").resolve("main.asc"),
          """
          Client.prototype.startChannel = function (file) {
            Stream.get("channel").play(file, 0, -1);
            return Stream.length(file);
          };
          """);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    clients.close();
    nimbus.close();
  }

  private Path recorded(String name) {
    return recordings.resolve("vod").resolve("_definst_").resolve(name + ".flv");
  }

  private ClientStream stream() throws Exception {
    return clients
        .connect(nimbus.rtmpUri("vod"))
        .createStream()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Publishes {@code seconds} of synthetic media with {@code type} and waits for Record.Stop. */
  private int[] record(String name, String type, long firstTimestamp, int seconds)
      throws Exception {
    ClientStream publisher = stream();
    publisher.publish(name, type).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    publisher.awaitStatus("NetStream.Record.Start", WAIT);
    int[] sent = SyntheticMedia.send(publisher, firstTimestamp, seconds);
    publisher.closeStream();
    publisher.awaitStatus("NetStream.Unpublish.Success", WAIT);
    publisher.awaitStatus("NetStream.Record.Stop", WAIT);
    publisher.client().close();
    return sent;
  }

  /** Status codes and media in the order the client got them. */
  private static final class Playback implements MediaListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    Playback(ClientStream stream) {
      stream.onMedia(this);
      stream
          .client()
          .onCommand(
              (Command command) -> {
                if (command.name().equals("onStatus")
                    && command.argument(0) instanceof Map<?, ?> info) {
                  events.add("status " + info.get("code"));
                }
              });
    }

    @Override
    public void onMedia(ClientStream stream, MediaMessage message) {
      boolean audio = message instanceof AudioMessage;
      int first = message.content().getUnsignedByte(message.content().readerIndex());
      int second = message.content().getUnsignedByte(message.content().readerIndex() + 1);
      String what =
          audio
              ? (second == 0 ? "audio-config" : "audio")
              : second == 0 ? "video-config" : (first >> 4) == 1 ? "keyframe" : "video";
      events.add(what + " " + message.timestamp());
    }

    @Override
    public void onData(ClientStream stream, DataMessage message) {
      Object info = message.values().size() > 1 ? message.values().get(1) : null;
      String code = info instanceof Map<?, ?> map ? " " + map.get("code") : "";
      events.add("data " + message.values().get(0) + code);
    }

    List<String> snapshot() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }

    List<String> await(Predicate<List<String>> done) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        List<String> now = snapshot();
        if (done.test(now)) {
          return now;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("playback did not get there: " + snapshot());
    }

    List<String> awaitEvent(String event) throws InterruptedException {
      return await(list -> list.contains(event));
    }
  }

  private static long count(List<String> events, String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix + " ")).count();
  }

  private static List<Long> timestamps(List<String> events, String... kinds) {
    List<Long> result = new ArrayList<>();
    for (String event : events) {
      for (String kind : kinds) {
        if (event.startsWith(kind + " ")) {
          result.add(Long.parseLong(event.substring(kind.length() + 1)));
        }
      }
    }
    return result;
  }

  @Test
  void aRecordedStreamPlaysBackCompletely() throws Exception {
    int[] sent = record("show", "record", 5_000, 8);

    try (FileChannel file = FileChannel.open(recorded("show"), StandardOpenOption.READ)) {
      FlvIndex index = FlvIndex.scan(file);
      assertTrue(index.damage().isEmpty(), index.damage().toString());
      assertEquals(7_960, index.lastTimestamp(), "rebased to start at 0");
      assertEquals(8, index.seekTimes().length, "a keyframe a second");
      assertTrue(index.metadataOffset() == index.dataStart(), "onMetaData comes first");
    }

    ClientStream player = stream();
    Playback playback = new Playback(player);
    player.play("show", 0, -1, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<String> events = playback.awaitEvent("status NetStream.Play.Stop");

    assertEquals(sent[0], count(events, "video") + count(events, "keyframe"), events.toString());
    assertEquals(sent[1], count(events, "audio"));
    assertEquals(1, count(events, "video-config"));
    assertTrue(events.contains("data onPlayStatus NetStream.Play.Complete"), events.toString());
    assertTrue(
        events.indexOf("data onPlayStatus NetStream.Play.Complete")
            < events.indexOf("status NetStream.Play.Stop"));
    List<Long> video = timestamps(events, "keyframe", "video");
    assertEquals(0L, video.get(0));
    assertEquals(7_960L, video.get(video.size() - 1));
  }

  @Test
  void theRecordingsMetadataHasDurationAndKeyframeIndex() throws Exception {
    record("indexed", "record", 0, 4);

    ClientStream player = stream();
    player.play("indexed", 0, -1, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    var metadata = player.awaitMedia(m -> m.dataName().equals("onMetaData"), WAIT).values().get(1);
    Map<?, ?> map = assertInstanceOf(Map.class, metadata);
    assertEquals(3.96, (Double) map.get("duration"), 0.001);
    assertEquals(320.0, map.get("width"), "the publisher's metadata is kept");
    assertEquals((double) Files.size(recorded("indexed")), map.get("filesize"));
    Map<?, ?> keyframes = assertInstanceOf(Map.class, map.get("keyframes"));
    List<?> times = assertInstanceOf(List.class, keyframes.get("times"));
    List<?> positions = assertInstanceOf(List.class, keyframes.get("filepositions"));
    assertEquals(List.of(0.0, 1.0, 2.0, 3.0), times);
    byte[] file = Files.readAllBytes(recorded("indexed"));
    for (Object position : positions) {
      int at = ((Double) position).intValue();
      assertEquals(9, file[at], "a video tag at " + at);
      assertEquals(0x17, file[at + 11], "a keyframe at " + at);
    }
  }

  @Test
  void appendContinuesTheTimestampsOfTheFile() throws Exception {
    record("diary", "record", 0, 2);
    record("diary", "append", 70_000, 1);

    try (FileChannel file = FileChannel.open(recorded("diary"), StandardOpenOption.READ)) {
      FlvIndex index = FlvIndex.scan(file);
      assertTrue(index.damage().isEmpty());
      assertEquals(1_960 + 1 + 960, index.lastTimestamp());
      assertEquals(3, index.seekTimes().length);
      assertEquals(1_961, index.seekTimes()[2], "the appended part starts right after");
    }
    record("diary", "record", 0, 1);
    try (FileChannel file = FileChannel.open(recorded("diary"), StandardOpenOption.READ)) {
      assertEquals(960, FlvIndex.scan(file).lastTimestamp(), "record replaces the file");
    }
  }

  @Test
  void playFromAPositionStartsAtTheKeyframeBefore() throws Exception {
    record("clip", "record", 0, 8);

    ClientStream player = stream();
    Playback playback = new Playback(player);
    player.play("clip", 2_500, -1, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<String> events = playback.await(list -> count(list, "keyframe") >= 1);

    List<String> media =
        events.stream().filter(e -> !e.startsWith("status") && !e.startsWith("data")).toList();
    assertEquals("video-config 2000", media.get(0), events.toString());
    assertEquals("audio-config 2000", media.get(1));
    assertEquals("keyframe 2000", media.get(2));
  }

  @Test
  void seekGoesToTheKeyframeAtOrBeforeAndSaysSo() throws Exception {
    record("seekable", "record", 0, 8);

    ClientStream player = stream();
    Playback playback = new Playback(player);
    player.play("seekable", 0, -1, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    playback.await(list -> count(list, "keyframe") >= 1);
    player.seek(6_500).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<String> events = playback.await(list -> list.contains("status NetStream.Play.Stop"));

    List<String> afterSeek =
        events.subList(events.indexOf("status NetStream.Seek.Notify"), events.size());
    assertEquals("status NetStream.Play.Start", afterSeek.get(1), afterSeek.toString());
    List<String> media =
        afterSeek.stream().filter(e -> !e.startsWith("status") && !e.startsWith("data")).toList();
    assertEquals("video-config 6000", media.get(0), afterSeek.toString());
    assertEquals("keyframe 6000", media.get(2));
    assertEquals(List.of(6_000L, 7_000L), timestamps(afterSeek, "keyframe"));
  }

  @Test
  void aSeekInALiveStreamFails() throws Exception {
    ClientStream player = stream();
    player.play("nobody", -1_000, -1, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    ExecutionException failed =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () -> player.seek(1_000).get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertInstanceOf(RtmpStatusException.class, failed.getCause());
  }

  @Test
  void pauseHoldsDeliveryAndUnpauseResumesWithoutLossOrRepeat() throws Exception {
    int[] sent = record("long", "record", 0, 8);

    ClientStream player = stream();
    Playback playback = new Playback(player);
    player.play("long", 0, -1, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    player.pause(true, 0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Thread.sleep(1_000);
    List<Long> whilePaused = timestamps(playback.snapshot(), "keyframe", "video");
    assertTrue(
        whilePaused.isEmpty() || whilePaused.get(whilePaused.size() - 1) < 6_000,
        "paced: a paused player has not been sent the whole file: " + whilePaused);

    player.pause(false, 0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<String> events = playback.awaitEvent("status NetStream.Play.Stop");
    List<Long> video = timestamps(events, "keyframe", "video");
    assertEquals(sent[0], video.size(), "every frame once");
    assertEquals(video.stream().sorted().toList(), video);
  }

  @Test
  void lenStopsThePlayAfterThatMuchMedia() throws Exception {
    record("part", "record", 0, 8);

    ClientStream player = stream();
    Playback playback = new Playback(player);
    player.play("part", 3_000, 1_000, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<String> events = playback.awaitEvent("status NetStream.Play.Stop");

    List<Long> video = timestamps(events, "keyframe", "video");
    assertEquals(3_000L, video.get(0));
    assertEquals(3_960L, video.get(video.size() - 1), events.toString());
  }

  @Test
  void aPlaylistPlaysItemsBackToBackWithRisingTimestamps() throws Exception {
    record("first", "record", 0, 4);
    record("second", "record", 0, 2);

    ClientStream player = stream();
    Playback playback = new Playback(player);
    // As Flash Player sends a playlist: one play after the other, without waiting. The first
    // item is longer than the read-ahead, so it is still playing when the second one is added.
    player.play("first", 0, -1, true);
    player.play("second", 0, -1, false);
    List<String> events = playback.awaitEvent("status NetStream.Play.Stop");

    assertTrue(events.contains("data onPlayStatus NetStream.Play.Switch"), events.toString());
    assertEquals(
        1,
        events.stream().filter(e -> e.equals("status NetStream.Play.Reset")).count(),
        "one reset: the second play joined the list");
    List<Long> keyframes = timestamps(events, "keyframe");
    assertEquals(List.of(0L, 1_000L, 2_000L, 3_000L, 3_961L, 4_961L), keyframes, events.toString());
    assertEquals(100 + 50, timestamps(events, "keyframe", "video").size());
  }

  @Test
  void getStreamLengthAndVirtualDirectories() throws Exception {
    record("lengthy", "record", 0, 3);
    Files.createDirectories(virtual.resolve("sub"));
    Files.copy(recorded("lengthy"), virtual.resolve("sub").resolve("copy.flv"));

    RtmpClient client = clients.connect(nimbus.rtmpUri("vod"));
    assertEquals(
        2.96,
        (Double) client.call("getStreamLength", "lengthy").get(WAIT.toSeconds(), TimeUnit.SECONDS),
        0.001);
    assertEquals(
        2.96,
        (Double)
            client
                .call("getStreamLength", "media/sub/copy")
                .get(WAIT.toSeconds(), TimeUnit.SECONDS),
        0.001);
    assertEquals(
        0.0, client.call("getStreamLength", "missing").get(WAIT.toSeconds(), TimeUnit.SECONDS));

    ClientStream player = client.createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Playback playback = new Playback(player);
    player.play("media/sub/copy", 0, -1, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<String> events = playback.awaitEvent("status NetStream.Play.Stop");
    assertEquals(75, timestamps(events, "keyframe", "video").size());
  }

  @Test
  void aScriptPlaysAFileIntoALiveStream() throws Exception {
    int[] sent = record("program", "record", 0, 4);

    ClientStream viewer = stream();
    Playback playback = new Playback(viewer);
    viewer.play("channel", -1_000, -1, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    RtmpClient director = clients.connect(nimbus.rtmpUri("vod"));
    Object length =
        director.call("startChannel", "program").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(3.96, (Double) length, 0.001, "Stream.length");

    List<String> events =
        playback.await(list -> timestamps(list, "keyframe", "video").size() == sent[0]);
    assertTrue(events.contains("status NetStream.Play.PublishNotify"), events.toString());
    List<Long> video = timestamps(events, "keyframe", "video");
    assertEquals(video.stream().sorted().toList(), video);
    assertEquals(4, timestamps(events, "keyframe").size());
  }

  @Test
  void aTruncatedFilePlaysUpToTheDamageThenFails() throws Exception {
    record("whole", "record", 0, 4);
    byte[] bytes = Files.readAllBytes(recorded("whole"));
    Files.write(recorded("cut"), java.util.Arrays.copyOf(bytes, bytes.length / 2 + 7));

    ClientStream player = stream();
    Playback playback = new Playback(player);
    player.play("cut", 0, -1, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<String> events = playback.awaitEvent("status NetStream.Play.Stop");

    assertTrue(events.contains("status NetStream.Play.Failed"), events.toString());
    assertFalse(events.contains("data onPlayStatus NetStream.Play.Complete"));
    long frames = timestamps(events, "keyframe", "video").size();
    assertTrue(frames > 20 && frames < 100, "played up to the damage: " + frames);
    assertTrue(player.client().isConnected(), "the connection stays");
  }

  @Test
  void namesThatLeaveTheStorageAreRefused() throws Exception {
    record("inside", "record", 0, 1);
    // A real FLV file next to the instance's folder: reachable only by escaping it.
    Path outside = recordings.resolve("vod").resolve("outside.flv");
    Files.copy(recorded("inside"), outside);
    Path absolute = work.resolve("absolute");

    for (String name :
        List.of(
            "../outside",
            "flv:../outside",
            "mp4:../outside.flv",
            "sub/../../outside",
            outside.toString(),
            "/" + "outside",
            "..\\outside",
            "a\u0000b")) {
      ClientStream player = stream();
      ExecutionException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class,
              () -> player.play(name, 0, -1, true).get(WAIT.toSeconds(), TimeUnit.SECONDS),
              name);
      RtmpStatusException status = assertInstanceOf(RtmpStatusException.class, refused.getCause());
      assertTrue(
          status.getMessage().contains("NetStream.Play.StreamNotFound"),
          name + ": " + status.getMessage());
    }
    for (String name : List.of("../escape", absolute.toString(), "a\\b", "flv:../escape")) {
      ClientStream publisher = stream();
      ExecutionException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class,
              () -> publisher.publish(name, "record").get(WAIT.toSeconds(), TimeUnit.SECONDS),
              name);
      assertTrue(refused.getCause().getMessage().contains("NetStream.Publish.BadName"), name);
    }
    assertFalse(Files.exists(recordings.resolve("vod").resolve("escape.flv")));
    assertFalse(Files.exists(Path.of(absolute + ".flv")));
  }
}
