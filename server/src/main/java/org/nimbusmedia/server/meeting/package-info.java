/**
 * Meetings (rooms) of an application instance: who takes part, over which protocol and with which
 * peer ID; whether media goes peer to peer (mesh) or through the server (client-server); and, per
 * publisher and subscriber, whether their stream goes direct or is relayed. Participants follow
 * through {@code onParticipantJoin}, {@code onParticipantLeave}, {@code onTopologyChange} and a
 * shared object with the participant list. The playbook is the seed article "Best practices for
 * real-time collaboration using Flash Media Server" (issue 7).
 */
package org.nimbusmedia.server.meeting;
