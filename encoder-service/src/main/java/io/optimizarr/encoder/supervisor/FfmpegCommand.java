package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.process.EncodeCgroup;
import io.optimizarr.encoder.settings.PriorityMode;
import io.optimizarr.proc.ProcFs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of one encode (or the thorough check's decode): ffmpeg behind the wrappers that
 * place and schedule it before its first thread starts, and that end it with this service. Each
 * wrapper execs the next in the same process, so the pid started is ffmpeg's pid. Pure, but for
 * {@link #forThisHost}.
 *
 * <p>{@link PriorityMode#NICE}: {@code setpriv --pdeathsig KILL -- nice -n N taskset --cpu-list C
 * ffmpeg …}, in this service's session and cgroup.
 *
 * <p>{@link PriorityMode#IDLE}: {@code setpriv --pdeathsig KILL -- setsid /bin/sh -c PLACE
 * optimizarr-place JOIN chrt --idle 0 nice -n N ionice -c 3 taskset --cpu-list C ffmpeg …}: a
 * session of its own ({@code setsid} does not fork, as a child of the JVM is no process group
 * leader), whose autogroup the shell step sets to nice 19 and whose process it moves into the idle
 * cgroup ({@code JOIN}, the cgroup's {@code cgroup.procs}, or empty), then the idle class, which
 * every thread inherits, nice 19 and the idle I/O class. The shell step's script is fixed; the path
 * comes as a positional argument, never inside the script. It says nothing on stderr (the thorough
 * check counts any line there as a decode error): a kernel without autogroups, or a cgroup that
 * cannot be joined, leaves the encode where it is, and {@link EncodeCgroup#ensureJoined} moves it
 * in from here after the start. The parent-death signal survives setsid and each exec (it is
 * cleared only by a fork or a set-user-ID binary).
 */
final class FfmpegCommand {

  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  /** The shell step: the autogroup to nice 19, the cgroup joined when $1 names one, then exec. */
  static final String PLACE =
      "{ echo 19 > /proc/self/autogroup; } 2>/dev/null;"
          + " if [ -n \"$1\" ]; then { echo $$ > \"$1\"; } 2>/dev/null; fi;"
          + " shift; exec \"$@\"";

  /**
   * What the host gives the command.
   *
   * @param ownNiceness this service's niceness, which nice adds to
   * @param withSetpriv whether {@code setpriv} is there to tie ffmpeg's life to this service's
   * @param joinCgroup the {@code cgroup.procs} of the idle cgroup for encodes, where there is one
   */
  record Host(int ownNiceness, boolean withSetpriv, Optional<Path> joinCgroup) {}

  private FfmpegCommand() {}

  static List<String> of(String ffmpeg, List<String> arguments, Priority priority, Host host) {
    var command = new ArrayList<String>();
    if (host.withSetpriv()) {
      // ffmpeg dies with this thread's process, so a crashed service leaves no encode running.
      command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
    }
    if (priority.mode() == PriorityMode.IDLE) {
      command.addAll(List.of("setsid", "/bin/sh", "-c", PLACE, "optimizarr-place"));
      command.add(host.joinCgroup().map(Path::toString).orElse(""));
      command.addAll(List.of("chrt", "--idle", "0"));
    }
    // nice adds to the niceness it inherits: ask for the difference to reach the level itself.
    command.addAll(
        List.of("nice", "-n", Integer.toString(priority.niceLevel() - host.ownNiceness())));
    if (priority.mode() == PriorityMode.IDLE) {
      command.addAll(List.of("ionice", "-c", "3"));
    }
    command.addAll(List.of("taskset", "--cpu-list", priority.affinity().toCpuList()));
    command.add(ffmpeg);
    command.addAll(arguments);
    return command;
  }

  /**
   * Starts ffmpeg with {@code arguments} behind this host's wrappers, as {@code running}'s process
   * (so the governor's pause and a cancel reach it), its input empty.
   */
  static Process launch(String ffmpeg, List<String> arguments, RunningEncode running)
      throws IOException {
    Process process =
        new ProcessBuilder(forThisHost(ffmpeg, arguments, running.priority(), running.cgroup()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    running.attach(process);
    return process;
  }

  /**
   * The command as this host runs it: with setpriv where it is installed, in the idle cgroup where
   * the node has one.
   *
   * @param arguments ffmpeg's arguments (an encode's, or the thorough check's decode)
   */
  static List<String> forThisHost(
      String ffmpeg, List<String> arguments, Priority priority, EncodeCgroup cgroup) {
    return of(
        ffmpeg,
        arguments,
        priority,
        new Host(ProcFs.host().ownNiceness(), Files.isExecutable(SETPRIV), cgroup.joinFile()));
  }
}
