/**
 * RTMFP transport (RFC 7016) with the Flash profile (RFC 7425). Depends on {@code protocol-rtmp}
 * for AMF and the message model only.
 */
package org.nimbusmedia.rtmfp;
