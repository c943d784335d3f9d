package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * User Control Message (RTMP 1.0 sections 6.2 and 7.1.7): a 2-byte event type and event data. Event
 * types this server does not know (SWF verification 26/27, for example) decode to {@link Unknown}
 * and are not an error.
 */
public sealed interface UserControlEvent extends ControlMessage {

  /** StreamBegin: event type 0. */
  int STREAM_BEGIN = 0;

  /** StreamEOF: event type 1. */
  int STREAM_EOF = 1;

  /** StreamDry: event type 2. */
  int STREAM_DRY = 2;

  /** SetBufferLength: event type 3. */
  int SET_BUFFER_LENGTH = 3;

  /** StreamIsRecorded: event type 4. */
  int STREAM_IS_RECORDED = 4;

  /** PingRequest: event type 6. */
  int PING_REQUEST = 6;

  /** PingResponse: event type 7. */
  int PING_RESPONSE = 7;

  /** BufferEmpty: event type 31, sent by FMS 3.5 and later (librtmp). */
  int BUFFER_EMPTY = 31;

  /** BufferReady: event type 32, sent by FMS 3.5 and later (librtmp). */
  int BUFFER_READY = 32;

  /** The 2-byte event type. */
  int eventType();

  /** Writes the event data after the event type. */
  void writeEventData(ByteBuf out);

  @Override
  default int typeId() {
    return MessageType.USER_CONTROL;
  }

  @Override
  default void writePayload(ByteBuf out) {
    out.writeShort(eventType());
    writeEventData(out);
  }

  /** Decodes the event type and its data (section 7.1.7). */
  static UserControlEvent read(ByteBuf payload) {
    Payloads.require(payload, 2, "User Control Message", "7.1.7");
    int eventType = payload.readUnsignedShort();
    return switch (eventType) {
      case STREAM_BEGIN -> new StreamBegin(readStreamId(payload, "StreamBegin"));
      case STREAM_EOF -> new StreamEof(readStreamId(payload, "StreamEOF"));
      case STREAM_DRY -> new StreamDry(readStreamId(payload, "StreamDry"));
      case SET_BUFFER_LENGTH -> {
        Payloads.require(payload, 8, "SetBufferLength", "7.1.7");
        yield new SetBufferLength(payload.readInt(), payload.readUnsignedInt());
      }
      case STREAM_IS_RECORDED -> new StreamIsRecorded(readStreamId(payload, "StreamIsRecorded"));
      case PING_REQUEST -> {
        Payloads.require(payload, 4, "PingRequest", "7.1.7");
        yield new PingRequest(payload.readUnsignedInt());
      }
      case PING_RESPONSE -> {
        Payloads.require(payload, 4, "PingResponse", "7.1.7");
        yield new PingResponse(payload.readUnsignedInt());
      }
      case BUFFER_EMPTY -> new BufferEmpty(readStreamId(payload, "BufferEmpty"));
      case BUFFER_READY -> new BufferReady(readStreamId(payload, "BufferReady"));
      default -> new Unknown(eventType, ByteBufUtil.getBytes(payload));
    };
  }

  private static int readStreamId(ByteBuf payload, String name) {
    Payloads.require(payload, 4, name, "7.1.7");
    return payload.readInt();
  }

  /**
   * The server tells the client that a stream is ready for use.
   *
   * @param streamId the message stream that begins
   */
  record StreamBegin(int streamId) implements UserControlEvent {
    @Override
    public int eventType() {
      return STREAM_BEGIN;
    }

    @Override
    public void writeEventData(ByteBuf out) {
      out.writeInt(streamId);
    }
  }

  /**
   * The playback of a stream is over.
   *
   * @param streamId the message stream that ended
   */
  record StreamEof(int streamId) implements UserControlEvent {
    @Override
    public int eventType() {
      return STREAM_EOF;
    }

    @Override
    public void writeEventData(ByteBuf out) {
      out.writeInt(streamId);
    }
  }

  /**
   * There is no more data on the stream for now.
   *
   * @param streamId the message stream that ran dry
   */
  record StreamDry(int streamId) implements UserControlEvent {
    @Override
    public int eventType() {
      return STREAM_DRY;
    }

    @Override
    public void writeEventData(ByteBuf out) {
      out.writeInt(streamId);
    }
  }

  /**
   * The client tells the server how long it buffers a stream.
   *
   * @param streamId the message stream
   * @param bufferMillis buffer length in milliseconds, unsigned 32-bit
   */
  record SetBufferLength(int streamId, long bufferMillis) implements UserControlEvent {
    /** Validates the buffer length range. */
    public SetBufferLength {
      Payloads.requireUnsignedInt(bufferMillis, "buffer length");
    }

    @Override
    public int eventType() {
      return SET_BUFFER_LENGTH;
    }

    @Override
    public void writeEventData(ByteBuf out) {
      out.writeInt(streamId);
      out.writeInt((int) bufferMillis);
    }
  }

  /**
   * The stream is a recorded one.
   *
   * @param streamId the message stream
   */
  record StreamIsRecorded(int streamId) implements UserControlEvent {
    @Override
    public int eventType() {
      return STREAM_IS_RECORDED;
    }

    @Override
    public void writeEventData(ByteBuf out) {
      out.writeInt(streamId);
    }
  }

  /**
   * The server checks that the client is reachable.
   *
   * @param timestamp the server's local time, echoed in the response
   */
  record PingRequest(long timestamp) implements UserControlEvent {
    /** Validates the timestamp range. */
    public PingRequest {
      Payloads.requireUnsignedInt(timestamp, "timestamp");
    }

    @Override
    public int eventType() {
      return PING_REQUEST;
    }

    @Override
    public void writeEventData(ByteBuf out) {
      out.writeInt((int) timestamp);
    }
  }

  /**
   * The answer to a {@link PingRequest}.
   *
   * @param timestamp the timestamp of the request
   */
  record PingResponse(long timestamp) implements UserControlEvent {
    /** Validates the timestamp range. */
    public PingResponse {
      Payloads.requireUnsignedInt(timestamp, "timestamp");
    }

    @Override
    public int eventType() {
      return PING_RESPONSE;
    }

    @Override
    public void writeEventData(ByteBuf out) {
      out.writeInt((int) timestamp);
    }
  }

  /**
   * The client's buffer for a stream has run empty.
   *
   * @param streamId the message stream
   */
  record BufferEmpty(int streamId) implements UserControlEvent {
    @Override
    public int eventType() {
      return BUFFER_EMPTY;
    }

    @Override
    public void writeEventData(ByteBuf out) {
      out.writeInt(streamId);
    }
  }

  /**
   * The client's buffer for a stream is full again.
   *
   * @param streamId the message stream
   */
  record BufferReady(int streamId) implements UserControlEvent {
    @Override
    public int eventType() {
      return BUFFER_READY;
    }

    @Override
    public void writeEventData(ByteBuf out) {
      out.writeInt(streamId);
    }
  }

  /**
   * An event type not listed above, kept as its raw event data.
   *
   * @param eventType the 2-byte event type
   * @param data the event data (a defensive copy)
   */
  record Unknown(int eventType, byte[] data) implements UserControlEvent {
    /** Validates the event type range and copies the data. */
    public Unknown {
      if (eventType < 0 || eventType > 0xFFFF) {
        throw new IllegalArgumentException("event type must be 0..65535, got " + eventType);
      }
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public void writeEventData(ByteBuf out) {
      out.writeBytes(data);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Unknown that
          && eventType == that.eventType
          && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
      return 31 * eventType + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Unknown[eventType=" + eventType + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
  }
}
