/**
 * RTMFP wire primitives: variable length unsigned integers (RFC 7016 section 2.1.2), option lists
 * (section 2.1.3), socket addresses (section 2.1.5), the packet header with its mode bits and
 * timestamps (section 2.2.4) and chunk framing (section 2.3). Every parser here is bounded: a
 * length that overruns its container raises {@link org.nimbusmedia.rtmfp.wire.MalformedException}.
 */
package org.nimbusmedia.rtmfp.wire;
