package org.nimbusmedia.server.log;

import org.nimbusmedia.server.app.AppAddress;

/**
 * A client connection as an access log line shows it, taken when the event happens.
 *
 * @param id the client id ({@code c-client-id})
 * @param ip the client's address
 * @param protocol {@code rtmp}, {@code rtmpt}, {@code rtmps} or {@code rtmfp}
 * @param instance the application instance it connects to, or null before that is known
 * @param uri the URL it connected to ({@code tcUrl}), empty when unknown
 * @param referrer {@code swfUrl} or the page, empty when unknown
 * @param userAgent {@code flashVer}, empty when unknown
 * @param bytesIn bytes received from it so far
 * @param bytesOut bytes sent to it so far
 * @param connectedAtMillis when its connection was accepted (epoch ms)
 */
public record LoggedClient(
    String id,
    String ip,
    String protocol,
    AppAddress instance,
    String uri,
    String referrer,
    String userAgent,
    long bytesIn,
    long bytesOut,
    long connectedAtMillis) {}
