/**
 * Connecting with fallback: RTMFP where UDP gets through, else RTMP, else RTMPT, one after the
 * other with a timeout each or all at once keeping the most preferred success (J. Vass, "Best
 * practices for real-time collaboration using Flash Media Server", Adobe Developer Connection,
 * 2010, section "UDP blocking"). The resulting {@link
 * org.nimbusmedia.rtmfp.fallback.ServerConnection} offers calls, server calls, and publishing and
 * playing through the server the same way over the three protocols. It lives in this module because
 * it needs both our RTMFP client and (through {@code protocol-rtmp}) our RTMP client.
 */
package org.nimbusmedia.rtmfp.fallback;
