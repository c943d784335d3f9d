package org.nimbusmedia.scripting.host;

import java.util.List;
import java.util.Map;

/**
 * The meetings (rooms) of an instance as {@code application.getMeeting(name)} sees them: the server
 * keeps each meeting's participants, decides its topology (peer-to-peer mesh or client-server) and
 * tells the clients; the script decides who joins and may set the policy. Values are AMF values.
 */
public interface MeetingHost {

  /** {@code application.getMeeting(name)}: gets or creates the meeting; null for a bad name. */
  MeetingHandle get(String name);

  /** One meeting. */
  interface MeetingHandle {

    String name();

    /**
     * {@code meeting.join(client, {name, stream})}: adds the client, or updates it when it joined
     * before; false when it is no longer connected or the meeting is full.
     */
    boolean join(ClientHandle client, String name, String stream);

    /** {@code meeting.leave(client)}: false when it was not in the meeting. */
    boolean leave(ClientHandle client);

    /** {@code "mesh"} or {@code "client-server"}. */
    String topology();

    /** Most participants in a mesh. */
    int meshLimit();

    /**
     * {@code meeting.setPolicy({meshLimit, topology})}: {@code topology} {@code "mesh"} or {@code
     * "client-server"} imposes one, {@code "auto"} lets the server decide again, null keeps the
     * current choice; {@code meshLimit} null keeps it. Throws IllegalArgumentException for a bad
     * value.
     */
    void setPolicy(Integer meshLimit, String topology);

    /** {id, name, protocol, peerId, stream} of each participant, in joining order. */
    List<Map<String, Object>> participants();

    /**
     * {@code meeting.reportDirect(client, publisherId, subscriberId, playing)}: what the built-in
     * {@code meetingDirect} call does, for scripts that take reports their own way.
     */
    boolean reportDirect(ClientHandle reporter, String publisher, String subscriber, boolean ok);

    /** Topology, reason, switches and the path of every pair, as the admin API shows them. */
    Map<String, Object> stats();
  }
}
