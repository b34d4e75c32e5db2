package io.optimizarr.encoder.supervisor;

import io.optimizarr.proc.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one encode: ffmpeg behind the wrappers that set its priority and cores before
 * its first thread starts, and that end it with this service. Pure, but for {@link #forThisHost}.
 */
final class FfmpegCommand {

  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private FfmpegCommand() {}

  /**
   * @param ownNiceness this service's niceness, which nice adds to
   * @param withSetpriv whether {@code setpriv} is there to tie ffmpeg's life to this service's
   */
  static List<String> of(
      String ffmpeg,
      List<String> arguments,
      Priority priority,
      int ownNiceness,
      boolean withSetpriv) {
    var command = new ArrayList<String>();
    if (withSetpriv) {
      // ffmpeg dies with this thread's process, so a crashed service leaves no encode running.
      command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
    }
    // nice adds to the niceness it inherits: ask for the difference to reach the level itself.
    command.addAll(List.of("nice", "-n", Integer.toString(priority.niceLevel() - ownNiceness)));
    command.addAll(List.of("taskset", "--cpu-list", priority.affinity().toCpuList()));
    command.add(ffmpeg);
    command.addAll(arguments);
    return command;
  }

  /**
   * The command as this host runs it: with setpriv where it is installed.
   *
   * @param arguments ffmpeg's arguments (an encode's, or the thorough check's decode)
   */
  static List<String> forThisHost(String ffmpeg, List<String> arguments, Priority priority) {
    return of(
        ffmpeg, arguments, priority, ProcFs.host().ownNiceness(), Files.isExecutable(SETPRIV));
  }
}
