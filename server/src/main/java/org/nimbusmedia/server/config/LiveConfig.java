package org.nimbusmedia.server.config;

import java.time.Duration;

/**
 * Live streaming.
 *
 * @param publishTimeout how long a new publisher of a name that is still published waits for the
 *     old publisher to answer a ping before taking over ({@code Live/PublishTimeout} in FMS); 0
 *     refuses the new publisher at once with {@code NetStream.Publish.BadName}
 * @param subscriberQueue messages queued for one subscriber before video is dropped up to the next
 *     keyframe
 * @param gopCacheFrames most frames kept from the last keyframe for late joiners
 * @param subscriberMaxLatency media time one subscriber may fall behind the publisher before its
 *     queued video is dropped up to the next keyframe (then stale audio), so a slow player stays
 *     near live ({@code Client/MsgQueue/Live/MaxAudioLatency} in FMS, 2 s)
 * @param queue how long a published frame may wait to go out with others (the live queue)
 * @param meetings mesh or client-server media in meetings of participants
 */
public record LiveConfig(
    Duration publishTimeout,
    Integer subscriberQueue,
    Integer gopCacheFrames,
    Duration subscriberMaxLatency,
    LiveQueueConfig queue,
    MeetingsConfig meetings) {
  public LiveConfig {
    publishTimeout =
        Check.range(
            "publishTimeout",
            Check.orDefault(publishTimeout, Duration.ofSeconds(2)),
            Duration.ZERO,
            Duration.ofMinutes(1));
    subscriberQueue =
        Check.range("subscriberQueue", Check.orDefault(subscriberQueue, 512), 16, 1_000_000);
    gopCacheFrames =
        Check.range("gopCacheFrames", Check.orDefault(gopCacheFrames, 1_000), 0, 100_000);
    subscriberMaxLatency =
        Check.range(
            "subscriberMaxLatency",
            Check.orDefault(subscriberMaxLatency, Duration.ofSeconds(2)),
            Duration.ofMillis(100),
            Duration.ofMinutes(1));
    queue = Check.orDefault(queue, LiveQueueConfig.defaults());
    meetings = Check.orDefault(meetings, MeetingsConfig.defaults());
  }

  public static LiveConfig defaults() {
    return new LiveConfig(null, null, null, null, null, null);
  }

  public LiveConfig withMeetings(MeetingsConfig newMeetings) {
    return new LiveConfig(
        publishTimeout, subscriberQueue, gopCacheFrames, subscriberMaxLatency, queue, newMeetings);
  }

  public LiveConfig withQueue(LiveQueueConfig newQueue) {
    return new LiveConfig(
        publishTimeout, subscriberQueue, gopCacheFrames, subscriberMaxLatency, newQueue, meetings);
  }
}
