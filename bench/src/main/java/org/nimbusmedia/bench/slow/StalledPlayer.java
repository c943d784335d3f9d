package org.nimbusmedia.bench.slow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Arrays;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;

/**
 * A player that asks for a live stream and then never reads: a plain socket with a 4 KiB receive
 * buffer (which also turns off the kernel's receive buffer growth), the simple handshake (RTMP 1.0
 * section 5.2), {@code connect}, {@code createStream} and {@code play} as AMF0 commands (section
 * 7.2), nothing after.
 */
final class StalledPlayer implements AutoCloseable {
  private static final int CHUNK_SIZE = 128; // both directions start with it (section 5.4.1)

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private StalledPlayer(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = socket.getInputStream();
  }

  /** Connects to {@code appUrl} and plays {@code stream}; returns without reading the answers. */
  static StalledPlayer play(URI appUrl, String stream) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setReceiveBufferSize(4096);
      socket.connect(
          new InetSocketAddress(appUrl.getHost(), appUrl.getPort() < 0 ? 1935 : appUrl.getPort()),
          10_000);
      socket.setSoTimeout(10_000);
      StalledPlayer player = new StalledPlayer(socket);
      player.handshake();
      String app = appUrl.getPath().substring(1);
      player.command(0, "connect", 1.0, AmfObject.of("app", app, "tcUrl", appUrl.toString()));
      player.command(0, "createStream", 2.0, null);
      player.command(1, "play", 0.0, null, stream); // 1: the first createStream's stream id
      return player;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void handshake() throws IOException {
    byte[] c0c1 = new byte[1537];
    c0c1[0] = 3;
    out.write(c0c1);
    out.flush();
    byte[] s0s1s2 = new byte[3073];
    new DataInputStream(in).readFully(s0s1s2);
    out.write(s0s1s2, 1, 1536); // C2 echoes S1
    out.flush();
  }

  /** An AMF0 command (type 0x14) on chunk stream 3, message stream {@code streamId}. */
  private void command(int streamId, Object... values) throws IOException {
    ByteBuf body = Unpooled.buffer();
    try {
      new Amf0Encoder().encodeAll(Arrays.asList(values), body);
      byte[] bytes = ByteBufUtil.getBytes(body);
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      // Type 0 chunk header (section 5.3.1.2): csid 3, timestamp 0, length, type, stream id (LE).
      message.write(3);
      message.write(new byte[3], 0, 3);
      message.write(bytes.length >> 16);
      message.write(bytes.length >> 8);
      message.write(bytes.length);
      message.write(0x14);
      message.write(new byte[] {(byte) streamId, 0, 0, 0}, 0, 4);
      for (int offset = 0; offset < bytes.length; offset += CHUNK_SIZE) {
        if (offset > 0) {
          message.write(0xC3); // type 3 continuation on chunk stream 3
        }
        message.write(bytes, offset, Math.min(CHUNK_SIZE, bytes.length - offset));
      }
      out.write(message.toByteArray());
      out.flush();
    } finally {
      body.release();
    }
  }

  /**
   * Reads what is left until the server ends the connection (end of stream or reset): true when it
   * did, false when it was still open after {@code seconds} without a byte.
   */
  boolean droppedByServer(int seconds) throws IOException {
    socket.setSoTimeout(seconds * 1000);
    byte[] sink = new byte[64 * 1024];
    try {
      while (in.read(sink) >= 0) {
        // what the kernel still held
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
