package org.nimbusmedia.scripting.host;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Server-side streams of one instance ({@code Stream} class of SSAS). */
public interface StreamHost {

  /** {@code Stream.get(name)}: gets or creates the named stream; null if the name is refused. */
  StreamHandle get(String name);

  /** {@code Stream.length(name)}: seconds of the recorded file, 0 if there is none. */
  double length(String name);

  /** {@code application.clearStreams(path)}: deletes recorded files; true on success. */
  boolean clear(String path);

  /** One server-side stream. */
  interface StreamHandle {

    String name();

    /** {@code play(source, start, length, reset)}; start -2 live or recorded, -1 live only. */
    boolean play(String source, double start, double length, boolean reset);

    /**
     * {@code play(source, start, length, reset, remoteNC)}: republishes the live stream {@code
     * source} of the server at the far end of {@code remote} under this stream's name. False, with
     * a status event, when it cannot.
     */
    default boolean play(
        String source,
        double start,
        double length,
        boolean reset,
        NetConnectionHost.Connection remote) {
      return false;
    }

    /** {@code play(false)}. */
    void stop();

    /** {@code record(mode, maxDuration, maxSize)} with mode record, append or appendWithGap. */
    boolean record(String mode, double maxDuration, double maxSize);

    /** {@code record(false)}. */
    void stopRecording();

    /** {@code send(handler, args...)}: a data message to subscribers and recordings. */
    boolean send(String handler, List<Object> args);

    /** {@code clear()}: deletes the recorded file of this stream; true on success. */
    boolean clear();

    /** {@code receiveAudio(flag)}: whether the stream plays audio from its source. */
    void receiveAudio(boolean receive);

    /** {@code receiveVideo(flag)}: whether the stream plays video from its source. */
    void receiveVideo(boolean receive);

    /** {@code Stream.destroy(stream)}. */
    void destroy();

    /** Receives the stream's status events ({@code NetStream.*} information objects). */
    void onStatus(Consumer<Map<String, Object>> listener);
  }
}
