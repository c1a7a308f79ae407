#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "CTerminalSupport.h"

// Child processes (the audio player) that must not outlive hark. A crash
// handler cannot take locks or allocate, so the registry is a fixed table
// written only from the thread that starts and ends children.
#define MAXIMUM_CHILDREN 4
static volatile pid_t child_pids[MAXIMUM_CHILDREN];
static char child_sockets[MAXIMUM_CHILDREN][128];
static char child_folders[MAXIMUM_CHILDREN][256];

pid_t hark_spawn_child(const char *path, char *const argv[], char *const envp[], int dies_with_parent) {
    pid_t parent = getpid();
    long maximum_descriptor = sysconf(_SC_OPEN_MAX);
    if (maximum_descriptor < 0 || maximum_descriptor > 65536) maximum_descriptor = 65536;
    pid_t pid = fork();
    if (pid != 0) {
        if (pid > 0) setpgid(pid, pid);  // as the child does: no race either way
        return pid;
    }
    // The child: only async-signal-safe calls until exec (the parent has threads).
    // Its own process group, so that Ctrl-Z and Ctrl-C at the terminal reach hark only.
    setpgid(0, 0);
    if (dies_with_parent) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);  // the parent died before the line above
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    struct sigaction default_action;
    memset(&default_action, 0, sizeof(default_action));
    default_action.sa_handler = SIG_DFL;
    for (int number = 1; number < NSIG; number++) {
        if (number != SIGKILL && number != SIGSTOP) sigaction(number, &default_action, NULL);
    }
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
    }
    if (syscall(SYS_close_range, 3, ~0U, 0) != 0) {
        for (long descriptor = 3; descriptor < maximum_descriptor; descriptor++) close((int)descriptor);
    }
    execve(path, argv, envp);
    _exit(127);
}

static void copy_bounded(char *target, size_t size, const char *source) {
    target[0] = 0;
    if (source == NULL) return;
    size_t length = strlen(source);
    if (length >= size) return;  // too long to keep: nothing is better than a wrong path
    memcpy(target, source, length + 1);
}

int hark_register_child(pid_t pid, const char *socket_path, const char *folder) {
    for (int k = 0; k < MAXIMUM_CHILDREN; k++) {
        if (child_pids[k] != 0) continue;
        copy_bounded(child_sockets[k], sizeof(child_sockets[k]), socket_path);
        copy_bounded(child_folders[k], sizeof(child_folders[k]), folder);
        child_pids[k] = pid;
        return 1;
    }
    return 0;
}

void hark_forget_child_files(pid_t pid) {
    for (int k = 0; k < MAXIMUM_CHILDREN; k++) {
        if (child_pids[k] != pid) continue;
        child_sockets[k][0] = 0;
        child_folders[k][0] = 0;
    }
}

void hark_forget_child(pid_t pid) {
    for (int k = 0; k < MAXIMUM_CHILDREN; k++) {
        if (child_pids[k] == pid) child_pids[k] = 0;
    }
}

void hark_kill_children(void) {
    for (int k = 0; k < MAXIMUM_CHILDREN; k++) {
        pid_t pid = child_pids[k];
        if (pid <= 0) continue;
        kill(pid, SIGKILL);
        if (child_sockets[k][0]) unlink(child_sockets[k]);
        if (child_folders[k][0]) rmdir(child_folders[k]);
    }
}
