package org.nimbusmedia.server.meeting;

/** The connection a meeting tells a participant things through. */
public interface MeetingMember {
  /** The client's connection id. */
  String id();

  /** Calls {@code method(argument)} on the client's NetConnection; returns at once. */
  void call(String method, Object argument);
}
