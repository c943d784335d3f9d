package org.nimbusmedia.rtmfp.meeting;

import org.nimbusmedia.rtmp.client.ReceivedMedia;

/**
 * What a {@link MeetingClient} tells its application. Every method has an empty default, so an
 * application overrides those it needs. Media callbacks run on I/O threads and must not block; the
 * others run on the meeting client's own thread.
 */
public interface MeetingListener {

  /** Another participant joined the meeting ({@code onParticipantJoin}). */
  default void participantJoined(Participant participant) {}

  /** Another participant left ({@code onParticipantLeave}). */
  default void participantLeft(Participant participant) {}

  /** The server sent a new plan, which the client now follows ({@code onTopologyChange}). */
  default void topologyChanged(MeetingPlan plan) {}

  /** A text message of another participant ({@code onMessage}). */
  default void messageReceived(String from, String text) {}

  /**
   * An audio or video message of {@code publisher}'s stream. While a pair switches paths the same
   * frame may come both ways, each marked with its path; an application shows one path (the direct
   * one once {@link #directReported} said playing).
   */
  default void mediaReceived(Participant publisher, MediaPath path, ReceivedMedia media) {}

  /**
   * This client reported to the server that {@code publisher}'s direct stream plays ({@code
   * playing}) or failed ({@code meetingDirect}).
   */
  default void directReported(Participant publisher, boolean playing) {}

  /**
   * The next video frame sent should be a keyframe: a server publication just started, and its
   * subscribers can decode nothing before one.
   */
  default void keyframeWanted() {}
}
