/**
 * Slow-reader benchmark (issue 10): the latency of ordinary players with and without players that
 * stop reading, which the server must drop without slowing the others. Run by hand against a
 * running server; see {@link org.nimbusmedia.bench.slow.SlowReaderMain}.
 */
package org.nimbusmedia.bench.slow;
