#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "CTerminalSupport.h"

static struct termios saved_termios;
static int have_termios = 0;
static char restore_bytes[512];
static size_t restore_length = 0;
static volatile sig_atomic_t termination = 0;
static volatile sig_atomic_t wake_descriptor = -1;

static const int crash_signals[] = {SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGABRT};
static const int termination_signals[] = {SIGINT, SIGTERM, SIGHUP};

void hark_restore_terminal(void) {
    if (restore_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, restore_bytes, restore_length);
        (void)ignored;
    }
    if (have_termios) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    }
}

static void on_termination(int signal_number) {
    termination = signal_number;
    if (wake_descriptor >= 0) {
        char byte = 1;
        ssize_t ignored = write(wake_descriptor, &byte, 1);
        (void)ignored;
    }
}

void hark_set_signal_wake_descriptor(int descriptor) { wake_descriptor = descriptor; }

static struct sigaction previous_winch;
static int winch_chained = 0;

/// A resize wakes the loop's wait too, then goes on to the handler that was
/// there (ncurses', which makes the next key read report KEY_RESIZE).
static void on_winch(int signal_number) {
    if (wake_descriptor >= 0) {
        char byte = 1;
        ssize_t ignored = write(wake_descriptor, &byte, 1);
        (void)ignored;
    }
    if (!(previous_winch.sa_flags & SA_SIGINFO) && previous_winch.sa_handler != SIG_DFL &&
        previous_winch.sa_handler != SIG_IGN) {
        previous_winch.sa_handler(signal_number);
    }
}

void hark_chain_resize_signal(void) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_winch;
    if (sigaction(SIGWINCH, &action, &previous_winch) == 0) winch_chained = 1;
}

static void on_crash(int signal_number) {
    hark_restore_terminal();
    hark_kill_children();
    // Die of the same signal, as if no handler had been there.
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

void hark_save_terminal_modes(void) { have_termios = tcgetattr(STDIN_FILENO, &saved_termios) == 0; }

void hark_install_terminal_guards(const char *restore_sequence) {
    restore_length = 0;
    if (restore_sequence != NULL) {
        size_t length = strlen(restore_sequence);
        if (length >= sizeof(restore_bytes)) length = sizeof(restore_bytes) - 1;
        memcpy(restore_bytes, restore_sequence, length);
        restore_length = length;
    }
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_termination;
    for (size_t k = 0; k < sizeof(termination_signals) / sizeof(int); k++) {
        sigaction(termination_signals[k], &action, NULL);
    }
    action.sa_handler = on_crash;
    action.sa_flags = SA_RESETHAND;
    for (size_t k = 0; k < sizeof(crash_signals) / sizeof(int); k++) {
        sigaction(crash_signals[k], &action, NULL);
    }
}

int hark_termination_signal(void) { return termination; }

void hark_remove_terminal_guards(void) {
    if (winch_chained) {
        sigaction(SIGWINCH, &previous_winch, NULL);
        winch_chained = 0;
    }
    for (size_t k = 0; k < sizeof(termination_signals) / sizeof(int); k++) signal(termination_signals[k], SIG_DFL);
    for (size_t k = 0; k < sizeof(crash_signals) / sizeof(int); k++) signal(crash_signals[k], SIG_DFL);
}
