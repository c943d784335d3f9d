/**
 * Test participants of the videomeeting application: the library's meeting client ({@link
 * org.nimbusmedia.rtmfp.meeting.MeetingClient}) driven by a camera of numbered video frames, with
 * every received frame counted per publisher and path, so that a test sees gaps and switch times.
 */
package org.nimbusmedia.server.testing.meeting;
