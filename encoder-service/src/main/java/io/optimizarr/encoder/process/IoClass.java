package io.optimizarr.encoder.process;

import java.util.OptionalLong;

/** A thread's I/O scheduling class, as {@code ioprio_set(2)} numbers it. */
public enum IoClass {
  /**
   * No class set, as a process starts: the I/O scheduler gives it best effort at a level from its
   * nice value.
   */
  NONE(0),
  /** Disk time only while no other process wants the disk. */
  IDLE(3);

  /** {@code ioprio_set}'s system call number on this machine, empty where it is not known. */
  static final OptionalLong SYSCALL =
      switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> OptionalLong.of(251);
        case "aarch64" -> OptionalLong.of(30);
        default -> OptionalLong.empty();
      };

  private static final int CLASS_SHIFT = 13;

  final int number;

  IoClass(int number) {
    this.number = number;
  }

  /** The class as {@code ioprio_set} takes it: the class above the level (0 for both). */
  int ioprio() {
    return number << CLASS_SHIFT;
  }
}
