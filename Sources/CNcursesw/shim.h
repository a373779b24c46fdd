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
/* Terminal capabilities, read before curses starts (nothing is written to the terminal).
   <ncursesw/term.h> is not included: its capability macros (lines, columns, …) would leak into Swift. */
struct term;
extern int setupterm(const char *, int, int *);
extern struct term *set_curterm(struct term *);
extern int del_curterm(struct term *);

/// Set in touchline_terminal_shortcomings() when the type has no cursor addressing (`cup`).
#define TOUCHLINE_TERM_NO_CUP 1
/// Set when the type can clear the screen neither with `clear` nor with `ed` (clear to end of screen).
#define TOUCHLINE_TERM_NO_CLEAR 2
/// Set when the type is a hard-copy terminal (`hc`), or generic (`gn`): nothing printed can be overwritten,
/// or the type names no particular terminal.
#define TOUCHLINE_TERM_HARDCOPY 4

/// Whether a string capability is present: tigetstr gives NULL when absent and (char *)-1 when the
/// name is not a string capability.
static inline int touchline_has_string_capability(const char *name) {
    const char *value = tigetstr(name);
    return value != NULL && value != (const char *)-1 && value[0] != '\0';
}

/// What the terminfo entry of `term` lacks for a full-screen program, as TOUCHLINE_TERM_* bits
/// (0 when it has everything), or -1 when there is no entry for `term`. setupterm itself refuses a hard-copy
/// entry (`hc`) and a generic one (`gn`) that has cursor addressing and clearing with error 1 (reported here
/// as TOUCHLINE_TERM_HARDCOPY), and a generic one without them like a missing entry (error 0).
static inline int touchline_terminal_shortcomings(const char *term) {
    int error = 0;
    if (setupterm(term, STDOUT_FILENO, &error) != 0) return error == 1 ? TOUCHLINE_TERM_HARDCOPY : -1;
    int shortcomings = 0;
    if (!touchline_has_string_capability("cup")) shortcomings |= TOUCHLINE_TERM_NO_CUP;
    if (!touchline_has_string_capability("clear") && !touchline_has_string_capability("ed")) shortcomings |= TOUCHLINE_TERM_NO_CLEAR;
    if (tigetflag("hc") > 0) shortcomings |= TOUCHLINE_TERM_HARDCOPY;
    del_curterm(set_curterm(NULL));
    return shortcomings;
}
#endif
