/**
 * The RTMP front end: the pipeline for each TCP connection, the session state of a connection, the
 * NetConnection and NetStream commands with FMS 4's replies and status events ({@code
 * reference/fms4.md} sections 1.8 and 1.10), and the adapters between RTMP streams and the live
 * stream bus.
 */
package org.nimbusmedia.server.rtmp;
