#ifndef HARK_TERMINAL_SUPPORT_H
#define HARK_TERMINAL_SUPPORT_H

/// The number of terminal columns a Unicode scalar takes, as glibc's
/// wcwidth (and so ncurses and tmux) count it, whatever the process locale:
/// 0 for combining marks, 2 for wide characters, -1 for control characters.
int hark_wcwidth(unsigned int scalar);

/// Saves the terminal's settings as they are now: call before taking the
/// terminal over, so that a crash can put them back.
void hark_save_terminal_modes(void);

/// Keeps the bytes that undo full-screen mode, then installs handlers so that
/// SIGINT, SIGTERM and SIGHUP only set a flag (see hark_termination_signal)
/// and a crash (SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGABRT) first
/// restores the terminal, then dies of the same signal.
void hark_install_terminal_guards(const char *restore_sequence);

/// Restores the saved terminal settings and writes the restore bytes.
/// Async-signal-safe.
void hark_restore_terminal(void);

/// A descriptor (a pipe's write end) that a termination signal writes a
/// byte to, so that a loop waiting in poll() wakes at once; -1 for none.
void hark_set_signal_wake_descriptor(int descriptor);

/// Puts a SIGWINCH handler in front of the one installed now (ncurses'):
/// it writes to the wake descriptor, then calls that one. Call after newterm.
void hark_chain_resize_signal(void);

/// The termination signal received, or 0.
int hark_termination_signal(void);

/// Removes the handlers (after the terminal was given back normally).
void hark_remove_terminal_guards(void);

#endif
