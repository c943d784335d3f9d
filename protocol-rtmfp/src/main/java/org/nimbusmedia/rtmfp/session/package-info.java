/**
 * RTMFP sessions over Netty datagram channels (RFC 7016 section 3.5): the endpoint that
 * demultiplexes datagrams by session id, the responder handshake with stateless cookies and
 * per-address and total session caps (section 3.5.1.2), the initiator handshake (section 3.5.1.1),
 * the session state machine with keepalive, idle timeout and close / close-ack (sections 3.5.2 and
 * 3.5.5), timestamp echo and RTT measurement (section 3.5.2.1), address mobility (section 3.5.4)
 * and congestion control (appendix A).
 */
package org.nimbusmedia.rtmfp.session;
