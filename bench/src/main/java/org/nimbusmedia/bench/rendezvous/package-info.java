/** A harness for the rate of RTMFP introductions (peer lookups) a server answers. */
package org.nimbusmedia.bench.rendezvous;
