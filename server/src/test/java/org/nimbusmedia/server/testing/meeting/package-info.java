/**
 * A meeting client for tests and measurements: it joins a meeting of the videomeeting application
 * over RTMFP or RTMP, publishes numbered video frames and plays the other participants, following
 * the server's {@code onTopologyChange} plans (direct, relayed or both) and reporting its direct
 * streams with {@code meetingDirect}. It lives with the tests because it exists to check the
 * server: it counts every frame per publisher and path, so a test sees gaps and switch times.
 */
package org.nimbusmedia.server.testing.meeting;
