package org.nimbusmedia.server.vod;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.config.MediaConfig;

/** {@code application.clearStreams(streamPath)} over an instance's recordings folder. */
class MediaLibraryTest {
  private static final AppAddress ROOM = new AppAddress("vod", "room");

  @TempDir Path recordings;
  @TempDir Path shared;
  private MediaLibrary library;
  private Path folder;

  @BeforeEach
  void files() throws Exception {
    library =
        new MediaLibrary(
            new MediaConfig(
                null,
                null,
                null,
                null,
                null,
                List.of(new MediaConfig.VirtualDirectory("/", shared))),
            recordings);
    folder = library.instanceFolder(ROOM);
    for (String name : List.of("a.flv", "b.mp4", "show/one.flv", "show/two.f4v", "notes.txt")) {
      Path file = folder.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "x");
    }
    Files.writeString(shared.resolve("a.flv"), "shared");
  }

  @AfterEach
  void close() {
    library.close();
  }

  @Test
  void oneNameDeletesThatStreamOnly() {
    assertTrue(library.clear(ROOM, "/a"));
    assertFalse(Files.exists(folder.resolve("a.flv")));
    assertTrue(Files.exists(folder.resolve("b.mp4")));
    assertTrue(Files.exists(shared.resolve("a.flv")), "virtual directories are not the instance's");
  }

  @Test
  void aFolderPatternDeletesWhatIsUnderIt() {
    assertTrue(library.clear(ROOM, "/show/*"));
    assertFalse(Files.exists(folder.resolve("show/one.flv")));
    assertFalse(Files.exists(folder.resolve("show/two.f4v")));
    assertTrue(Files.exists(folder.resolve("a.flv")));
  }

  @Test
  void slashDeletesEveryMediaFileAndNothingElse() {
    assertTrue(library.clear(ROOM, "/"));
    assertFalse(Files.exists(folder.resolve("a.flv")));
    assertFalse(Files.exists(folder.resolve("b.mp4")));
    assertFalse(Files.exists(folder.resolve("show/one.flv")));
    assertTrue(Files.exists(folder.resolve("notes.txt")));
  }

  @Test
  void aWildcardCharacterMatchesOneCharacter() {
    assertTrue(library.clear(ROOM, "/?"));
    assertFalse(Files.exists(folder.resolve("a.flv")));
    assertFalse(Files.exists(folder.resolve("b.mp4")));
    assertTrue(Files.exists(folder.resolve("show/one.flv")));
  }

  @Test
  void nothingNamedOrNoPathIsFalse() {
    assertFalse(library.clear(ROOM, "/nosuch"));
    assertFalse(library.clear(ROOM, "a"));
    assertFalse(library.clear(ROOM, null));
    assertFalse(library.clear(new AppAddress("vod", "empty"), "/"));
    assertTrue(Files.exists(folder.resolve("a.flv")));
  }

  @Test
  void aFileBeingRecordedIsKept() {
    Path live = folder.resolve("a.flv");
    assertTrue(library.claimRecording(live));
    assertFalse(library.clear(ROOM, "/?"));
    assertTrue(Files.exists(live));
    assertFalse(Files.exists(folder.resolve("b.mp4")));
  }
}
