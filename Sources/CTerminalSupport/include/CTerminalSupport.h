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

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` (NULL-ended) as a child that keeps
/// out of the terminal: its own process group, stdin, stdout and stderr on
/// /dev/null, no descriptor of hark's, default signal handling. With
/// `dies_with_parent` the kernel kills it when the calling thread's process
/// ends, even by SIGKILL (call it from a thread that lives as long as the
/// process). Returns the child's pid, or -1 (errno set).
pid_t hark_spawn_child(const char *path, char *const argv[], char *const envp[], int dies_with_parent);

/// Remembers a child that a crash of hark must kill, with the socket and
/// folder to remove then (either may be NULL). Returns 0 when the table is full.
int hark_register_child(pid_t pid, const char *socket_path, const char *folder);

/// The child's socket and folder are gone: a crash has nothing to remove.
void hark_forget_child_files(pid_t pid);

/// The child has ended: a crash has nothing to kill.
void hark_forget_child(pid_t pid);

/// Kills every registered child and removes its files. Async-signal-safe:
/// the crash handler calls it.
void hark_kill_children(void);

#endif
