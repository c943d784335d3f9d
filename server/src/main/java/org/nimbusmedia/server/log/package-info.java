/**
 * Operator logs beyond the server log: the FMS-style W3C access log ({@link
 * org.nimbusmedia.server.log.AccessLog}) and one application log per instance, both written by
 * Logback as {@code conf/logback.xml} configures ({@code reference/fms4.md} sections 5.3, 5.4).
 */
package org.nimbusmedia.server.log;
