package io.optimizarr.encoder.supervisor;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a finished file at its target name without ever replacing what is there, in one step: a file
 * or a link that appeared at the name meanwhile stays, and the move fails. {@code
 * renameat2(RENAME_NOREPLACE)} where the file system has it, else a hard link and an unlink (both
 * refuse an existing name), else a check and a rename. Also swaps two files in one step, for a
 * restore.
 */
final class NoReplaceMove {

  private interface C extends Library {
    C LIBC = Native.load("c", C.class);

    int renameat2(int fromDir, String from, int toDir, String to, int flags)
        throws LastErrorException;
  }

  private static final int AT_FDCWD = -100;
  private static final int RENAME_NOREPLACE = 1;
  private static final int RENAME_EXCHANGE = 2;
  private static final int EEXIST = 17;

  private NoReplaceMove() {}

  static void move(Path source, Path target) throws IOException {
    try {
      C.LIBC.renameat2(AT_FDCWD, source.toString(), AT_FDCWD, target.toString(), RENAME_NOREPLACE);
      return;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EEXIST) {
        throw appeared(target);
      }
      // The file system cannot rename without replacing (EINVAL) or the call is missing: link.
    } catch (UnsatisfiedLinkError e) {
      // A libc without renameat2.
    }
    if (linked(source, target)) {
      Files.delete(source);
      return;
    }
    // No hard links here (FAT, some network shares): the last resort leaves a short window.
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw appeared(target);
    }
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Swaps the files at two names in one step ({@code renameat2(RENAME_EXCHANGE)}): neither name is
   * ever empty. Fails where the file system cannot (a restore then refuses, changing nothing).
   */
  static void exchange(Path one, Path other) throws IOException {
    try {
      C.LIBC.renameat2(AT_FDCWD, one.toString(), AT_FDCWD, other.toString(), RENAME_EXCHANGE);
    } catch (LastErrorException e) {
      throw new IOException(
          "cannot swap " + one + " and " + other + " (error " + e.getErrorCode() + ")");
    } catch (UnsatisfiedLinkError e) {
      throw new IOException("this libc cannot swap files (no renameat2)");
    }
  }

  /** Whether {@code target} is now a second name of {@code source}; false without hard links. */
  private static boolean linked(Path source, Path target) throws FileAlreadyExistsException {
    try {
      Files.createLink(target, source);
      return true;
    } catch (FileAlreadyExistsException e) {
      throw appeared(target);
    } catch (UnsupportedOperationException | IOException e) {
      return false;
    }
  }

  private static FileAlreadyExistsException appeared(Path target) {
    return new FileAlreadyExistsException(
        target.toString(), null, "appeared while the job ran; not overwritten");
  }
}
