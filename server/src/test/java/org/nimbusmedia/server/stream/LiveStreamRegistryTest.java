package org.nimbusmedia.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusmedia.server.stream.Frames.aac;
import static org.nimbusmedia.server.stream.Frames.aacConfig;
import static org.nimbusmedia.server.stream.Frames.avcConfig;
import static org.nimbusmedia.server.stream.Frames.data;
import static org.nimbusmedia.server.stream.Frames.interframe;
import static org.nimbusmedia.server.stream.Frames.keyframe;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveStreamRegistryTest {
  private final LiveStreamRegistry registry = new LiveStreamRegistry(Duration.ofSeconds(2), 100);

  @Test
  void lateJoinerStartsWithMetadataHeadersAndLastKeyframe() {
    FakePublisher publisher = new FakePublisher(true);
    registry.claim("test", publisher).join();
    LiveStream stream = registry.find("test").orElseThrow();
    stream.setMetadata(publisher, data(0));
    stream.publish(publisher, avcConfig(0));
    stream.publish(publisher, aacConfig(0));
    stream.publish(publisher, interframe(10)); // before any keyframe: useless to a new player
    stream.publish(publisher, keyframe(40));
    stream.publish(publisher, interframe(80));
    stream.publish(publisher, keyframe(120));
    stream.publish(publisher, aac(130));
    stream.publish(publisher, interframe(160));

    RecordingSubscriber late = new RecordingSubscriber();
    registry.subscribe("test", late);
    stream.publish(publisher, interframe(200));

    assertEquals(
        List.of(
            "DATA@0",
            "VIDEO-config@0",
            "AUDIO-config@0",
            "KEY@120",
            "AUDIO@130",
            "VIDEO@160",
            "VIDEO@200"),
        late.events());
  }

  @Test
  void secondPublisherOfALiveNameGetsBadName() {
    registry.claim("test", new FakePublisher(true)).join();

    assertEquals(
        LiveStreamRegistry.PublishResult.BAD_NAME,
        registry.claim("test", new FakePublisher(true)).join());
  }

  @Test
  void silentPublisherIsTakenOver() {
    FakePublisher halfOpen = new FakePublisher(false);
    FakePublisher reconnected = new FakePublisher(true);
    registry.claim("test", halfOpen).join();
    RecordingSubscriber player = new RecordingSubscriber();
    registry.subscribe("test", player);

    assertEquals(
        LiveStreamRegistry.PublishResult.GRANTED, registry.claim("test", reconnected).join());

    assertEquals(List.of("test"), halfOpen.takenOver);
    assertEquals(reconnected, registry.find("test").orElseThrow().publisher());
    assertEquals(List.of("unpublish-notify", "publish-notify"), player.events());
  }

  @Test
  void zeroPublishTimeoutRefusesAtOnce() {
    LiveStreamRegistry strict = new LiveStreamRegistry(Duration.ZERO, 100);
    strict.claim("test", new FakePublisher(false)).join();

    assertEquals(
        LiveStreamRegistry.PublishResult.BAD_NAME,
        strict.claim("test", new FakePublisher(true)).join());
  }

  @Test
  void nameIsFreeTheMomentItsPublisherLeaves() {
    FakePublisher first = new FakePublisher(true);
    registry.claim("test", first).join();

    assertTrue(registry.release("test", first));

    assertEquals(
        LiveStreamRegistry.PublishResult.GRANTED,
        registry.claim("test", new FakePublisher(true)).join());
  }

  @Test
  void subscribersStayThroughUnpublishAndRepublish() {
    RecordingSubscriber player = new RecordingSubscriber();
    registry.subscribe("test", player);
    FakePublisher first = new FakePublisher(true);
    registry.claim("test", first).join();
    registry.find("test").orElseThrow().publish(first, keyframe(0));
    registry.release("test", first);
    FakePublisher second = new FakePublisher(true);
    registry.claim("test", second).join();
    registry.find("test").orElseThrow().publish(second, keyframe(0));

    assertEquals(
        List.of("publish-notify", "KEY@0", "unpublish-notify", "publish-notify", "KEY@0"),
        player.events());
  }

  @Test
  void unpublishClearsTheCacheSoTheNextPublicationStartsClean() {
    FakePublisher first = new FakePublisher(true);
    registry.claim("test", first).join();
    RecordingSubscriber keepAlive = new RecordingSubscriber();
    registry.subscribe("test", keepAlive);
    registry.find("test").orElseThrow().publish(first, avcConfig(0));
    registry.find("test").orElseThrow().publish(first, keyframe(0));
    registry.release("test", first);

    RecordingSubscriber late = new RecordingSubscriber();
    registry.subscribe("test", late);

    assertEquals(List.of(), late.events());
  }

  @Test
  void framesFromAFormerPublisherAreDropped() {
    FakePublisher old = new FakePublisher(false);
    registry.claim("test", old).join();
    registry.claim("test", new FakePublisher(true)).join();
    RecordingSubscriber player = new RecordingSubscriber();
    LiveStream stream = registry.subscribe("test", player);

    stream.publish(old, keyframe(0));

    assertEquals(List.of(), player.events());
  }

  @Test
  void idleStreamsLeaveTheRegistry() {
    RecordingSubscriber player = new RecordingSubscriber();
    registry.subscribe("test", player);
    registry.unsubscribe("test", player);

    assertFalse(registry.find("test").isPresent());
  }

  @Test
  void publishedNamesListsOnlyPublishedStreams() {
    registry.subscribe("waiting", new RecordingSubscriber());
    registry.claim("live", new FakePublisher(true)).join();

    assertEquals(List.of("live"), registry.publishedNames());
  }
}
