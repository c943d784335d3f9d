/**
 * Remote shared object fan-out benchmark (issue 14: updates per second propagated from one writer
 * to the subscribers of one object). Run by hand against a running server; see {@link
 * org.nimbusmedia.bench.so.SharedObjectFanout}.
 */
package org.nimbusmedia.bench.so;
