/**
 * A meeting client: a participant of a meeting run by the server that follows the server's topology
 * plans (J. Vass, "Best practices for real-time collaboration using Flash Media Server", Adobe
 * Developer Connection, 2010: a full mesh of direct RTMFP streams for a few participants,
 * client-server beyond that or when an RTMP participant joins, direct with relay fallback per
 * pair). It connects with {@link org.nimbusmedia.rtmfp.fallback.FallbackConnector} and works over
 * whichever protocol got through; direct streams are Flash's, {@link
 * org.nimbusmedia.rtmfp.flash.DirectStreams}. Start at {@link
 * org.nimbusmedia.rtmfp.meeting.MeetingClient}.
 */
package org.nimbusmedia.rtmfp.meeting;
