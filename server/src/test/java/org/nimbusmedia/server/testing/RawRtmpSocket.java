package org.nimbusmedia.server.testing;

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
import java.util.Arrays;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;

/**
 * A bare TCP client for bad-input tests: it speaks only as much RTMP as a test needs (the simple
 * handshake, hand-made chunk headers) and reports whether the server closed the connection.
 */
public final class RawRtmpSocket implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  public RawRtmpSocket(int port) throws IOException {
    this(port, 0);
  }

  /** A socket with a small receive buffer when {@code receiveBuffer} is positive (slow readers). */
  public RawRtmpSocket(int port, int receiveBuffer) throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    socket.setSoTimeout(15_000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  public void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The simple handshake (RTMP 1.0 section 5.2): C0 C1, read S0 S1 S2, send C2 = S1. */
  public void handshake() throws IOException {
    byte[] c0c1 = new byte[1537];
    c0c1[0] = 3;
    send(c0c1);
    byte[] s0s1s2 = new byte[3073];
    new DataInputStream(in).readFully(s0s1s2);
    if (s0s1s2[0] != 3) {
      throw new IOException("S0 is " + s0s1s2[0] + ", not 3");
    }
    byte[] c2 = new byte[1536];
    System.arraycopy(s0s1s2, 1, c2, 0, 1536);
    send(c2);
  }

  /**
   * A type 0 chunk header (section 5.3.1.2) on chunk stream {@code csid} (2..63): timestamp 0, the
   * given length and type, message stream 0.
   */
  public static byte[] type0Header(int csid, int length, int typeId) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(csid & 0x3f); // fmt 0, one-byte basic header
    header.write(0);
    header.write(0);
    header.write(0); // timestamp
    header.write(length >> 16);
    header.write(length >> 8);
    header.write(length);
    header.write(typeId);
    header.write(0);
    header.write(0);
    header.write(0);
    header.write(0); // message stream id, little endian
    return header.toByteArray();
  }

  /**
   * Sends an AMF0 command message (type 0x14) on chunk stream 3, split into 128-byte chunks, the
   * chunk size both sides start with (section 5.4.1).
   */
  public void sendCommand(int streamId, Object... values) throws IOException {
    ByteBuf body = Unpooled.buffer();
    try {
      new Amf0Encoder().encodeAll(Arrays.asList(values), body);
      byte[] bytes = ByteBufUtil.getBytes(body);
      byte[] header = type0Header(3, bytes.length, 0x14);
      header[8] = (byte) streamId; // message stream id, little endian, low byte
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      message.write(header);
      for (int offset = 0; offset < bytes.length; offset += 128) {
        if (offset > 0) {
          message.write(0xC0 | 3); // type 3 continuation on chunk stream 3
        }
        message.write(bytes, offset, Math.min(128, bytes.length - offset));
      }
      send(message.toByteArray());
    } finally {
      body.release();
    }
  }

  /** Reads and discards until the server closes the connection; false if it stays open. */
  public boolean closedByServer() throws IOException {
    byte[] sink = new byte[8192];
    try {
      while (in.read(sink) >= 0) {
        // discard whatever the server still sends
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true; // a reset also ends the connection
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
