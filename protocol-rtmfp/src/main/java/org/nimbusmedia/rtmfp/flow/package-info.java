/**
 * RTMFP flows (RFC 7016 section 3.6): the user data, acknowledgement, buffer probe and flow
 * exception chunks (sections 2.3.11 to 2.3.16), the sending side with fragmentation,
 * retransmission, receive-window limits and abandonment of stale messages (section 3.6.2), and the
 * receiving side with reassembly, in-order delivery and range acknowledgements (section 3.6.3). The
 * classes here are pure state machines driven by a session; they do no I/O and read time only from
 * the values passed in.
 */
package org.nimbusmedia.rtmfp.flow;
