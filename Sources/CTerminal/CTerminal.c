#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#define _GNU_SOURCE 1
#include <curses.h>
#include <term.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "CTerminal.h"

static volatile sig_atomic_t pending_signal = 0;
static int started = 0;
static int color = 0;

// What the emergency restore needs, all computed before the screen goes up, so a signal handler only copies
// bytes and calls tcsetattr and write (both async-signal-safe).
static volatile sig_atomic_t screen_up = 0;
static struct termios saved_termios;
static int saved_termios_fd = -1;
static char reset_sequence[512];
static size_t reset_length = 0;

// Faults and traps: a Swift runtime trap is SIGILL (x86-64) or SIGTRAP (arm64); abort() is SIGABRT.
static const int crash_signals[] = { SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE };
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
enum { CRASH_COUNT = sizeof crash_signals / sizeof crash_signals[0], STOP_COUNT = sizeof stop_signals / sizeof stop_signals[0] };
static struct sigaction previous_crash[CRASH_COUNT];
static struct sigaction previous_stop[STOP_COUNT];
static int crash_handlers_installed = 0;
// A stack of our own for the crash handlers, so a stack overflow (SIGSEGV on the guard page) can still be handled.
static char alternate_stack[64 * 1024];

static void write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, bytes, length);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        bytes += written;
        length -= (size_t)written;
    }
}

/// Puts the terminal back as it was before the screen went up: attributes reset, cursor shown, keypad and
/// paste and focus modes off, the normal screen back, then the saved termios. Async-signal-safe; runs once.
static void emergency_restore(void) {
    if (!screen_up) return;
    screen_up = 0;
    int saved_errno = errno;
    write_all(STDOUT_FILENO, reset_sequence, reset_length);
    if (saved_termios_fd >= 0) {
        while (tcsetattr(saved_termios_fd, TCSANOW, &saved_termios) != 0 && errno == EINTR) {}
    }
    errno = saved_errno;
}

/// Ends the process by `signal_number` with its default action, so a parent sees death by that signal.
static void die_by(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal_number, &action, NULL);
    sigset_t just;
    sigemptyset(&just);
    sigaddset(&just, signal_number);
    sigprocmask(SIG_UNBLOCK, &just, NULL);
    raise(signal_number);
}

static int crash_index(int signal_number) {
    for (int index = 0; index < CRASH_COUNT; index++) {
        if (crash_signals[index] == signal_number) return index;
    }
    return -1;
}

static void on_crash(int signal_number, siginfo_t *info, void *context) {
    emergency_restore();
    // Whoever handled this before the screen went up (the Swift runtime's backtracer) still gets it, now that its
    // report lands on a working terminal.
    int index = crash_index(signal_number);
    if (index >= 0) {
        struct sigaction *before = &previous_crash[index];
        if (before->sa_flags & SA_SIGINFO) {
            if (before->sa_sigaction != NULL) before->sa_sigaction(signal_number, info, context);
        } else if (before->sa_handler != SIG_DFL && before->sa_handler != SIG_IGN && before->sa_handler != NULL) {
            before->sa_handler(signal_number);
        }
    }
    // The default action, now: the signal is not blocked here (SA_NODEFER), so raising it ends the process.
    die_by(signal_number);
}

static void on_stop_signal(int signal_number) {
    if (pending_signal == 0) {
        // The screen's loop sees this flag, keeps what must be kept, restores the terminal and re-raises.
        pending_signal = signal_number;
        return;
    }
    // A second one while the first is still being handled: the loop is not answering, so end now.
    emergency_restore();
    die_by(signal_number);
}

static void install_stop_handlers(void) {
    for (int index = 0; index < STOP_COUNT; index++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0; // no SA_RESTART: a blocked read returns so the loop can restore the terminal
        sigaction(stop_signals[index], &action, &previous_stop[index]);
    }
}

static void install_crash_handlers(void) {
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof alternate_stack;
    stack_t current;
    // Keep an alternate stack someone else already set up (the Swift runtime may have one).
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) sigaltstack(&stack, NULL);
    for (int index = 0; index < CRASH_COUNT; index++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = on_crash;
        // Everything else waits while the terminal is restored, but not the crash signals themselves: the Swift
        // runtime's backtracer, called from here, reads memory through a helper that expects its own faults to
        // reach it, and a fault that arrives blocked kills the process on the spot.
        sigfillset(&action.sa_mask);
        for (int other = 0; other < CRASH_COUNT; other++) sigdelset(&action.sa_mask, crash_signals[other]);
        action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
        sigaction(crash_signals[index], &action, &previous_crash[index]);
    }
    crash_handlers_installed = 1;
}

static struct sigaction previous_tstp;

static void restore_handlers(void) {
    if (crash_handlers_installed) {
        for (int index = 0; index < CRASH_COUNT; index++) sigaction(crash_signals[index], &previous_crash[index], NULL);
        crash_handlers_installed = 0;
    }
    for (int index = 0; index < STOP_COUNT; index++) sigaction(stop_signals[index], &previous_stop[index], NULL);
    sigaction(SIGTSTP, &previous_tstp, NULL);
}

static void append_reset(const char *bytes) {
    size_t length = strlen(bytes);
    if (reset_length + length >= sizeof reset_sequence) return;
    memcpy(reset_sequence + reset_length, bytes, length);
    reset_length += length;
}

/// Copies `value` into `out` without terminfo padding ("$<5>"): nothing here waits on a slow terminal. Returns the
/// length, or -1 when the whole of it does not fit.
static int strip_padding(const char *value, char *out, size_t capacity) {
    if (capacity == 0) return -1;
    size_t length = 0;
    for (const char *at = value; *at != 0; at++) {
        if (at[0] == '$' && at[1] == '<') {
            const char *end = strchr(at, '>');
            if (end != NULL) { at = end; continue; }
        }
        if (length + 1 >= capacity) return -1;
        out[length++] = *at;
    }
    out[length] = 0;
    return (int)length;
}

static const char *string_capability(const char *name) {
    const char *value = tigetstr(name);
    return value == NULL || value == (char *)-1 ? NULL : value;
}

static void append_capability(const char *name) {
    const char *value = string_capability(name);
    char plain[128];
    if (value != NULL && strip_padding(value, plain, sizeof plain) >= 0) append_reset(plain);
}

/// The bytes that undo what the screen turned on, from this terminal's own terminfo entry.
static void compute_reset_sequence(void) {
    reset_length = 0;
    append_reset("\033[?2004l\033[?1004l"); // bracketed paste and focus reporting off (ncurses knows neither)
    append_capability("sgr0");                // attributes off
    append_capability("cnorm");               // the cursor shown
    append_capability("rmkx");                // keypad transmit mode off
    append_capability("rmcup");               // back from the alternate screen
}

int tb_start(int use_color) {
    // ncursesw reads and draws wide characters by LC_CTYPE alone; the other categories (numbers, dates, messages)
    // would each be one more file opened at every start, for output typebar never asks the C library to format.
    setlocale(LC_CTYPE, "");
    pending_signal = 0;
    install_stop_handlers();
    // ncurses only takes SIGWINCH (and so reports KEY_RESIZE) when it is at its default; a parent that ignores it
    // would otherwise leave the screen unable to follow a resize.
    signal(SIGWINCH, SIG_DFL);
    // Nor can a signal a parent left blocked reach us: unblock the ones the screen depends on.
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGWINCH);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    saved_termios_fd = -1;
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) saved_termios_fd = STDIN_FILENO;
    else if (tcgetattr(STDOUT_FILENO, &saved_termios) == 0) saved_termios_fd = STDOUT_FILENO;
    // In raw mode Ctrl-Z is a key, not a stop: only another process's kill could send SIGTSTP. Ignoring it while
    // the screen is up keeps ncurses from installing its own handler, and so from two sigaction calls around
    // every refresh (it leaves a signal alone that is not at its default when it starts).
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGTSTP, &ignore, &previous_tstp);
    if (initscr() == NULL) {
        restore_handlers();
        return -1;
    }
    started = 1;
    compute_reset_sequence();
    screen_up = 1;
    install_crash_handlers();
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    // Finish every refresh: by default ncurses polls the keyboard twice per refresh, to give up drawing when a key
    // is waiting, and a screen drawn from the model each key gains nothing by stopping halfway.
    typeahead(-1);
    set_escdelay(25);
    color = 0;
    if (use_color && has_colors()) {
        start_color();
        use_default_colors();
        color = 1;
    }
    return 0;
}

void tb_stop(void) {
    if (!started) return;
    started = 0;
    endwin();
    screen_up = 0;
    // From here a signal does what it did before the screen: the loop that watched the flag is gone.
    restore_handlers();
}

void tb_end_by_signal(int signal_number) {
    emergency_restore();
    fflush(NULL);
    die_by(signal_number);
    _exit(128 + signal_number); // not reached: the default action of these signals ends the process
}

const char *tb_reset_sequence(size_t *length) {
    *length = reset_length;
    return reset_sequence;
}

int tb_has_color(void) { return color; }

void tb_size(int *rows, int *cols) {
    *rows = getmaxy(stdscr);
    *cols = getmaxx(stdscr);
}

void tb_refresh(void) { wrefresh(stdscr); }
void tb_leave_window_alone(void) {
    untouchwin(stdscr);
    stdscr->_flags &= ~_HASMOVED;
}
void tb_clear(void) { wclear(stdscr); }

int tb_read_key(int timeout_ms, uint32_t *value) {
    wtimeout(stdscr, timeout_ms);
    wint_t key = 0;
    int result = wget_wch(stdscr, &key);
    *value = (uint32_t)key;
    if (result == OK) return TB_KEY_CHAR;
    if (result == KEY_CODE_YES) return TB_KEY_CODE;
    return TB_KEY_NONE;
}

void tb_write_raw(const char *bytes) { write_all(STDOUT_FILENO, bytes, strlen(bytes)); }

void tb_write(const uint8_t *bytes, size_t length) { write_all(STDOUT_FILENO, (const char *)bytes, length); }

int tb_capability(const char *name, char *out, size_t capacity) {
    const char *value = string_capability(name);
    return value == NULL ? -1 : strip_padding(value, out, capacity);
}

int tb_capability_with(const char *name, int first, int second, char *out, size_t capacity) {
    const char *value = string_capability(name);
    if (value == NULL) return -1;
    const char *formatted = tiparm(value, first, second);
    return formatted == NULL ? -1 : strip_padding(formatted, out, capacity);
}

int tb_flag(const char *name) { return tigetflag(name) > 0; }

int tb_pending_signal(void) { return pending_signal; }

int tb_backspace_is_ctrl_h(void) {
    const char *kbs = tigetstr("kbs");
    return kbs != NULL && kbs != (char *)-1 && kbs[0] == 8 && kbs[1] == 0;
}

int tb_key_backspace(void) { return KEY_BACKSPACE; }
int tb_key_resize(void) { return KEY_RESIZE; }
int tb_key_enter(void) { return KEY_ENTER; }
int tb_key_btab(void) { return KEY_BTAB; }

int tb_key_named(const char *name) {
    // An extended key capability (kLFT5: Ctrl-Left) holds the bytes the key sends; ncurses gave those bytes a
    // code of its own when keypad mode read the terminal's entry.
    char *bytes = tigetstr(name);
    if (bytes == NULL || bytes == (char *)-1 || bytes[0] == 0) return -1;
    int code = key_defined(bytes);
    return code > 0 ? code : -1;
}

int tb_colors(void) { return color ? COLORS : 0; }
