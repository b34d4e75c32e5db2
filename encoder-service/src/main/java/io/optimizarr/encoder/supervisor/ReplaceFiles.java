package io.optimizarr.encoder.supervisor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

/**
 * The file-system operations of a replace and a restore, none of which follows a link: syncing a
 * file or a folder to disk, giving the new file the original's times, mode and owner, reading a
 * file's inode, and making the recycle folder's path of real folders this service owns.
 */
final class ReplaceFiles {

  /** The folder, in each media root, where replaced originals are kept. */
  static final String RECYCLE = ".optimizarr-recycle";

  private ReplaceFiles() {}

  /** Where the original at {@code input}, inside {@code root}, is kept when replaced. */
  static Path recyclePath(Path root, Path input) {
    return root.resolve(RECYCLE).resolve(root.relativize(input));
  }

  /** Writes the file's data and metadata to disk (fsync). */
  static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Writes a folder's entries to disk, so a rename in it survives a power loss (fsync). */
  static void syncFolder(Path folder) throws IOException {
    // On Linux a folder opens read-only and fsync on it makes its entries durable.
    sync(folder);
  }

  /**
   * Gives {@code copy} the modification time, permissions and (where this process may) owner and
   * group of {@code original}; neither is followed if it is a link.
   */
  static void copyAttributes(Path original, Path copy) throws IOException {
    PosixFileAttributes from =
        Files.readAttributes(original, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributeView to =
        Files.getFileAttributeView(copy, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    try {
      to.setOwner(from.owner());
    } catch (FileSystemException notPermitted) {
      // Only root may give a file away; the new file stays ours.
    }
    try {
      to.setGroup(from.group());
    } catch (FileSystemException notPermitted) {
      // A group this process is not in.
    }
    to.setPermissions(from.permissions());
    to.setTimes(from.lastModifiedTime(), null, null);
  }

  /** The file's inode number, the file itself if it is a link. */
  static long inode(Path file) throws IOException {
    return ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
  }

  /** Whether two real folders lie on one file system, so that a rename between them works. */
  static boolean sameFileSystem(Path one, Path other) throws IOException {
    return Files.getAttribute(one, "unix:dev", LinkOption.NOFOLLOW_LINKS)
        .equals(Files.getAttribute(other, "unix:dev", LinkOption.NOFOLLOW_LINKS));
  }

  /** Whether anything, a link included, has that name. */
  static boolean present(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Makes the folders from {@code root} down to {@code folder} (inside the root's recycle folder)
   * as needed. The recycle folder itself is made 0700, and every folder on the way must be a real
   * folder owned by the same user as {@code ours} (a file this service made): nobody else can then
   * swap one for a link between this check and the rename into it.
   */
  static void makeRecycleFolders(Path root, Path folder, Path ours) throws IOException {
    UserPrincipal owner = Files.getOwner(ours, LinkOption.NOFOLLOW_LINKS);
    Path dir = root;
    for (Path name : root.relativize(folder)) {
      dir = dir.resolve(name);
      try {
        if (dir.getParent().equals(root)) {
          Files.createDirectory(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectory(dir);
        }
      } catch (FileAlreadyExistsException exists) {
        // Checked below, whatever it is.
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(dir + " is not a folder (a link?); nothing is written through it");
      }
      if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(owner)) {
        throw new IOException(dir + " belongs to another user; nothing is written into it");
      }
    }
  }
}
