#ifndef TOUCHLINE_CNCURSESW_SHIM_H
#define TOUCHLINE_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

/* Swift 6 cannot touch C globals or NCURSES_BITS macros: these small functions stand in for them. */

/// The standard screen window.
static inline WINDOW *touchline_stdscr(void) { return stdscr; }
/// The current screen, for clearok after a resume.
static inline WINDOW *touchline_curscr(void) { return curscr; }
/// The C stdout and stdin streams, for newterm.
static inline FILE *touchline_stdout(void) { return stdout; }
static inline FILE *touchline_stdin(void) { return stdin; }
/// The screen size of stdscr.
static inline int touchline_lines(void) { return LINES; }
static inline int touchline_cols(void) { return COLS; }
/// How many colours and colour pairs the terminal has.
static inline int touchline_colors(void) { return COLORS; }
static inline int touchline_color_pairs(void) { return COLOR_PAIRS; }
/// Attribute bits.
static inline attr_t touchline_a_bold(void) { return A_BOLD; }
static inline attr_t touchline_a_reverse(void) { return A_REVERSE; }
static inline attr_t touchline_a_underline(void) { return A_UNDERLINE; }
static inline attr_t touchline_a_dim(void) { return A_DIM; }

/* Crash safety: restore the terminal from a signal handler with async-signal-safe calls only. */
/// The remembered terminal mode (function-local statics are emitted with the inline function).
static inline struct termios *touchline_saved_termios(void) {
    static struct termios saved;
    return &saved;
}
static inline volatile sig_atomic_t *touchline_saved_valid(void) {
    static volatile sig_atomic_t valid = 0;
    return &valid;
}

/// Remembers the terminal mode as it was before curses changed it.
static inline void touchline_save_terminal(void) {
    if (tcgetattr(STDIN_FILENO, touchline_saved_termios()) == 0) *touchline_saved_valid() = 1;
}

/// Puts the terminal back as remembered: mode, main screen, visible cursor, plain attributes.
static inline void touchline_restore_terminal_raw(void) {
    static const char reset[] = "\033[0m\033[?25h\033[?1049l\033[?1l\033>";
    if (*touchline_saved_valid()) tcsetattr(STDIN_FILENO, TCSAFLUSH, touchline_saved_termios());
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof(reset) - 1);
    (void)ignored;
}

static inline void touchline_crash_handler(int sig) {
    touchline_restore_terminal_raw();
    static const char message[] = "touchline: crashed; terminal restored\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof(message) - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

/// Restores the terminal on SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP (Swift traps), then dies as before.
static inline void touchline_install_crash_handlers(void) {
    int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    for (unsigned i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        action.sa_handler = touchline_crash_handler;
        action.sa_flags = SA_RESETHAND;
        sigaction(signals[i], &action, NULL);
    }
}
#endif
