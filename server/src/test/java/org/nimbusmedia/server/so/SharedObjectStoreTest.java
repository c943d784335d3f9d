package org.nimbusmedia.server.so;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;

/** The persistent shared object file: frame, atomic replace, torn writes (fms4.md 1.5). */
class SharedObjectStoreTest {
  @TempDir Path dir;

  private SharedObjectStore store() {
    return new SharedObjectStore(dir, AmfLimits.DEFAULT);
  }

  private static Map<String, Object> slots(Object... kv) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put((String) kv[i], kv[i + 1]);
    }
    return map;
  }

  @Test
  void writesAndLoadsWithSubFolders() throws Exception {
    store().write("a/b", 7, slots("x", 1.0, "o", AmfObject.of("k", "v"), "n", null));
    SharedObjectStore.Stored stored = store().load("a/b");
    assertEquals(7, stored.version());
    assertEquals(slots("x", 1.0, "o", AmfObject.of("k", "v"), "n", null), stored.properties());
    assertTrue(Files.exists(dir.resolve("a/b.so")));
    assertNull(store().load("missing"));
  }

  @Test
  void aTornFileFallsBackToTheLastGoodState() throws Exception {
    store().write("s", 1, slots("v", "one"));
    store().write("s", 2, slots("v", "two"));
    Path file = dir.resolve("s.so");
    byte[] whole = Files.readAllBytes(file);
    for (int cut = 0; cut < whole.length; cut++) {
      Files.write(file, Arrays.copyOf(whole, cut));
      SharedObjectStore.Stored stored = store().load("s");
      assertEquals(1, stored.version(), "cut at " + cut);
      assertEquals("one", stored.properties().get("v"));
    }
  }

  @Test
  void aFlippedBitFailsTheChecksum() throws Exception {
    store().write("s", 1, slots("v", "one"));
    store().write("s", 2, slots("v", "two"));
    Path file = dir.resolve("s.so");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 2] ^= 0x01;
    Files.write(file, bytes);
    assertEquals(1, store().load("s").version());
  }

  @Test
  void namesThatLeaveTheFolderAreRefused() {
    assertTrue(SharedObjectStore.validName("chat/room 1"));
    for (String bad :
        new String[] {"", "../x", "a/../b", "/abs", "a//b", "a/", ".", "c:x", "a\\b"}) {
      assertFalse(SharedObjectStore.validName(bad), bad);
    }
  }
}
