package org.nimbusmedia.server.rtmpt;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The answer slot of one tunnel request on its HTTP connection. Each is answered exactly once. */
interface TunnelReply {
  /** 200 with {@code body} as {@code application/x-fcs}; takes ownership of {@code body}. */
  void ok(ByteBuf body);

  /** {@code status} with an empty body. */
  void fail(HttpResponseStatus status);

  /** Whether the HTTP connection is still there to carry an answer. */
  boolean canAnswer();
}
