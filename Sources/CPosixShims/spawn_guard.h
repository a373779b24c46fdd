#ifndef TOUCHLINE_SPAWN_GUARD_H
#define TOUCHLINE_SPAWN_GUARD_H
/*
 * A command started under a guard process, so that it never outlives touchline, not even a SIGKILL of it.
 *
 * touchline forks the guard G, which makes a process group of its own, asks the kernel for SIGUSR1 when its
 * parent goes (PR_SET_PDEATHSIG), and forks the command C into that group. G then waits:
 *   - C ends: G ends the same way (exit code, or the same signal), so touchline sees C's status as G's;
 *   - touchline is gone (the death signal, or getppid() changed, checked every 250 ms): G sends SIGTERM to
 *     the group, and SIGKILL to the whole group (itself included) once C has ended or after 1 s;
 *   - SIGTERM, SIGINT, SIGHUP (touchline stopping the group: C has them too) are taken and not acted on.
 * The death signal is also sent when only the thread that forked G ends; G then sees its parent's pid
 * unchanged and carries on.
 *
 * After fork, only async-signal-safe calls (touchline has threads): everything is prepared before it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* glibc declares these only under _GNU_SOURCE, which Swift's Glibc module does not set. */
extern int pipe2(int fds[2], int flags);
extern int execvpe(const char *file, char *const argv[], char *const envp[]);
/* glibc 2.34+ (as touchline_spawn_addclosefrom's action); declared only under __USE_MISC. */
extern void closefrom(int lowfd);
/* glibc: argv[0] of the running program, the start of its command-line area; declared only under _GNU_SOURCE. */
extern char *program_invocation_name;

/* The size of this process's command-line area (/proc/self/cmdline), read before fork; 0 if unknown. */
static inline size_t touchline_guard_title_room(void) {
    int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char chunk[4096];
    size_t total = 0;
    ssize_t got;
    while ((got = read(fd, chunk, sizeof chunk)) > 0) total += (size_t)got;
    close(fd);
    return total <= 65536 ? total : 0;
}

/* Moves `fd` to a descriptor of 10 or more (so that dup2 onto 0-3 cannot overwrite another source). */
static inline int touchline_guard_lift(int fd) {
    return fd < 0 ? fd : fcntl(fd, F_DUPFD, 10);
}

/* Ends the guard as the command ended: the same exit code, or the same signal. */
static inline void touchline_guard_mirror(int status) {
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        struct sigaction action;
        action.sa_handler = SIG_DFL;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0;
        sigaction(sig, &action, 0);
        sigset_t only;
        sigemptyset(&only);
        sigaddset(&only, sig);
        sigprocmask(SIG_UNBLOCK, &only, 0);
        kill(getpid(), sig);
        _exit(128 + sig);
    }
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 255);
}

/* The guard's life after fork (never returns). */
static inline void touchline_guard_run(const char *file, char *const argv[], char *const envp[], const char *dir,
                                       int out_fd, int err_fd, int report_fd, pid_t parent, size_t title_room) {
    /* Default dispositions (touchline's handlers are Swift code), then the guard's own mask. */
    struct sigaction fallback;
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    fallback.sa_flags = 0;
    for (int sig = 1; sig < 65; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &fallback, 0);
    }
    sigset_t waited;
    sigemptyset(&waited);
    sigaddset(&waited, SIGCHLD);
    sigaddset(&waited, SIGUSR1);
    sigaddset(&waited, SIGTERM);
    sigaddset(&waited, SIGINT);
    sigaddset(&waited, SIGHUP);
    sigprocmask(SIG_SETMASK, &waited, 0);
    setpgid(0, 0);
    prctl(PR_SET_NAME, "touchline-guard");  /* ps -o comm, top: not another touchline */
    /* Its command line too (ps aux, pgrep -f): the fork's copy of touchline's argv area is overwritten with the
       guard's name, the rest zeroed (the kernel reads the area up to its end; a trailing NUL keeps it there). */
    static const char title[] = "touchline-guard";
    if (program_invocation_name && title_room > sizeof title) {
        for (size_t i = 0; i < title_room; i++) program_invocation_name[i] = i < sizeof title ? title[i] : 0;
    }
    prctl(PR_SET_PDEATHSIG, SIGUSR1);
    if (getppid() != parent) _exit(126);  /* touchline went before the death signal was asked for */

    int null_fd = open("/dev/null", O_RDONLY);
    int out = touchline_guard_lift(out_fd), err = touchline_guard_lift(err_fd);
    int report = touchline_guard_lift(report_fd), input = touchline_guard_lift(null_fd);
    if (out < 0 || err < 0 || report < 0 || input < 0) _exit(127);
    if (dup2(input, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0 || dup2(report, 3) < 0) _exit(127);
    fcntl(3, F_SETFD, FD_CLOEXEC);
    closefrom(4);  /* the command gets its standard descriptors and nothing else of touchline's */

    pid_t child = fork();
    if (child < 0) {
        int code = errno;
        (void)!write(3, &code, sizeof code);
        _exit(127);
    }
    if (child == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, 0);
        if (dir && chdir(dir) != 0) {
            int code = errno;
            (void)!write(3, &code, sizeof code);
            _exit(127);
        }
        execvpe(file, argv, envp);
        int code = errno;
        (void)!write(3, &code, sizeof code);
        _exit(127);
    }
    close(3);
    close(0);
    close(1);
    close(2);  /* the command holds the output; the guard must not keep the pipe open after it */

    int orphaned = 0;
    struct timespec started = {0, 0};
    for (;;) {
        struct timespec wait = {0, 250000000};
        siginfo_t info;
        int sig = sigtimedwait(&waited, &info, &wait);
        int status = 0;
        pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child) {
            if (orphaned) kill(-getpid(), SIGKILL);  /* what the command left in the group goes with the guard */
            touchline_guard_mirror(status);
        }
        (void)sig;  /* whichever signal woke the guard, or none: the same checks */
        if (!orphaned && getppid() != parent) {
            orphaned = 1;
            clock_gettime(CLOCK_MONOTONIC, &started);
            kill(-getpid(), SIGTERM);  /* the guard's own SIGTERM is blocked and taken by sigtimedwait */
        }
        if (orphaned) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            long long elapsed = (now.tv_sec - started.tv_sec) * 1000LL + (now.tv_nsec - started.tv_nsec) / 1000000;
            if (elapsed >= 1000) kill(-getpid(), SIGKILL);
        }
    }
}

/// Starts `file` (searched in PATH) with `argv` and `envp` in `dir` (NULL: the current one), under a guard
/// process that leads a new process group, reading /dev/null and writing `out_fd` and `err_fd`; the command
/// never outlives touchline (see the top of this file). Returns the guard's pid (the group's id; its exit
/// status is the command's), or -1 with `*failure` set to the errno of what failed (fork, chdir, exec).
static inline pid_t touchline_spawn_guarded(const char *file, char *const argv[], char *const envp[], const char *dir,
                                            int out_fd, int err_fd, int *failure) {
    int report[2];
    *failure = 0;
    if (pipe2(report, O_CLOEXEC) != 0) {
        *failure = errno;
        return -1;
    }
    pid_t parent = getpid();
    size_t title_room = touchline_guard_title_room();
    pid_t guard = fork();
    if (guard < 0) {
        *failure = errno;
        close(report[0]);
        close(report[1]);
        return -1;
    }
    if (guard == 0) {
        close(report[0]);
        touchline_guard_run(file, argv, envp, dir, out_fd, err_fd, report[1], parent, title_room);
    }
    close(report[1]);
    setpgid(guard, guard);  /* also here: the group exists before this returns, whichever runs first */
    int code = 0;
    ssize_t got;
    do { got = read(report[0], &code, sizeof code); } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof code) {
        int status;
        while (waitpid(guard, &status, 0) < 0 && errno == EINTR) {}
        *failure = code;
        return -1;
    }
    return guard;
}
#endif
