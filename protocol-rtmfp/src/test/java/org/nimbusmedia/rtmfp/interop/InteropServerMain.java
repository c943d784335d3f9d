package org.nimbusmedia.rtmfp.interop;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HexFormat;
import org.nimbusmedia.rtmfp.flash.ScriptedFlashServer;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.handshake.IntegrityPolicy;
import org.nimbusmedia.rtmfp.handshake.KeyComponent;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmfp.session.SessionListener;

/**
 * An RTMFP endpoint for verifying real clients by hand (rtmfp-cpp's tcconn and fcclient, librtmfp's
 * TestClient): accepts sessions on 127.0.0.1, answers the NetConnection like a Flash media server
 * ({@link ScriptedFlashServer}) and prints one line per session event and command, which is what
 * the interop report quotes.
 *
 * <p>Options: {@code --port=N} (default 1935), {@code --require-integrity} (request HMAC and
 * sequence numbers instead of offering them on request), {@code --capture=FILE} (put a {@link
 * CaptureRelay} on the port and write every datagram to FILE as hex).
 */
public final class InteropServerMain {
  private InteropServerMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = 1935;
    String capture = null;
    RtmfpConfig config = RtmfpConfig.defaults();
    for (String a : args) {
      if (a.startsWith("--port=")) {
        port = Integer.parseInt(a.substring(7));
      } else if (a.startsWith("--capture=")) {
        capture = a.substring(10);
      } else if (a.equals("--require-integrity")) {
        int flags = KeyComponent.SEND_ON_REQUEST | KeyComponent.REQUEST;
        config = config.withIntegrity(new IntegrityPolicy(flags, 16, flags));
      } else {
        throw new IllegalArgumentException("unknown option " + a);
      }
    }
    EventLoopGroup group = new NioEventLoopGroup(1);
    InetSocketAddress bind = new InetSocketAddress("127.0.0.1", capture == null ? port : 0);
    RtmfpEndpoint endpoint =
        RtmfpEndpoint.bind(group, bind, config, new Printer(), true, Clock.systemUTC());
    if (capture != null) {
      PrintStream out = new PrintStream(new FileOutputStream(capture), true, "US-ASCII");
      new CaptureRelay(
          group, new InetSocketAddress("127.0.0.1", port), endpoint.localAddress(), out);
    }
    System.out.println("listening on 127.0.0.1:" + port);
    Thread.currentThread().join();
  }

  /** Prints session events and commands, then lets the scripted server answer. */
  private static final class Printer implements SessionListener {
    private final ScriptedFlashServer scripted = new ScriptedFlashServer();

    @Override
    public void sessionOpened(Session session) {
      scripted.sessionOpened(session);
      System.out.println(
          "session opened from "
              + session.farAddress()
              + " peer "
              + HexFormat.of().formatHex(session.farPeerId())
              + " "
              + " "
              + session
              + " near nonce "
              + HexFormat.of().formatHex(session.nearNonce())
              + " far nonce "
              + HexFormat.of().formatHex(session.farNonce()));
    }

    @Override
    public void message(Session session, ReceiveFlow flow, byte[] message) {
      scripted.message(session, flow, message);
      var c = scripted.received.poll();
      if (c != null) {
        System.out.println(
            "flow "
                + flow.flowId()
                + " stream "
                + c.streamId()
                + ": "
                + c.name()
                + " "
                + c.commandObject()
                + " "
                + c.arguments());
      } else {
        long n = scripted.media.get();
        if (n % 100 == 1) {
          System.out.println("flow " + flow.flowId() + ": media message " + n);
        }
      }
    }

    @Override
    public void sessionClosed(Session session) {
      scripted.sessionClosed(session);
      System.out.println(
          "session closed from "
              + session.farAddress()
              + " rtt "
              + session.rttMillis()
              + " ms, media messages so far "
              + scripted.media.get());
    }
  }
}
