package org.nimbusmedia.rtmp.chunk;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;

/** Test helper: the last inbound handler, recording every exception that reaches it. */
public final class ExceptionRecorder extends ChannelInboundHandlerAdapter {

  /** Exceptions in the order they arrived. */
  public final List<Throwable> exceptions = new ArrayList<>();

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    exceptions.add(cause);
  }
}
