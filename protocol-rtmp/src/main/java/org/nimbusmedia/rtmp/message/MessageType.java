package org.nimbusmedia.rtmp.message;

/** RTMP message type ids (RTMP 1.0 sections 5.4 and 7.1). */
public final class MessageType {

  /** Set Chunk Size (5.4.1). */
  public static final int SET_CHUNK_SIZE = 1;

  /** Abort Message (5.4.2). */
  public static final int ABORT = 2;

  /** Acknowledgement (5.4.3). */
  public static final int ACKNOWLEDGEMENT = 3;

  /** User Control Message (6.2, 7.1.7). */
  public static final int USER_CONTROL = 4;

  /** Window Acknowledgement Size (5.4.4). */
  public static final int WINDOW_ACKNOWLEDGEMENT_SIZE = 5;

  /** Set Peer Bandwidth (5.4.5). */
  public static final int SET_PEER_BANDWIDTH = 6;

  /** Audio Message (7.1.4). */
  public static final int AUDIO = 8;

  /** Video Message (7.1.5). */
  public static final int VIDEO = 9;

  /** Data Message, AMF3 (7.1.2). */
  public static final int DATA_AMF3 = 0x0F;

  /** Shared Object Message, AMF3 (7.1.3). */
  public static final int SHARED_OBJECT_AMF3 = 0x10;

  /** Command Message, AMF3 (7.1.1). */
  public static final int COMMAND_AMF3 = 0x11;

  /** Data Message, AMF0 (7.1.2). */
  public static final int DATA_AMF0 = 0x12;

  /** Shared Object Message, AMF0 (7.1.3). */
  public static final int SHARED_OBJECT_AMF0 = 0x13;

  /** Command Message, AMF0 (7.1.1). */
  public static final int COMMAND_AMF0 = 0x14;

  /** Aggregate Message (7.1.6). */
  public static final int AGGREGATE = 0x16;

  private MessageType() {}
}
