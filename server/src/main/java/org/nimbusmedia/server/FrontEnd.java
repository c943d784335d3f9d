package org.nimbusmedia.server;

import java.net.InetSocketAddress;

/** A protocol's listening socket (RTMP, RTMPT, RTMFP, admin) as the server's lifecycle sees it. */
interface FrontEnd {
  /** The protocol's name as start-up prints it, such as {@code rtmp}. */
  String protocol();

  /** Binds the socket; throws if the address cannot be bound. */
  void start() throws Exception;

  /** The bound address, with the real port when the configured port was 0. */
  InetSocketAddress localAddress();

  /** Closes the listening socket; clients already connected are closed by the server. */
  void stop();
}
