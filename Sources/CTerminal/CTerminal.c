#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#define _GNU_SOURCE 1
// ncurses is used for terminfo alone (setupterm, tigetstr, tiparm) and for its key codes (KEY_UP…): the screen is
// painted by FramePainter and keys are read here, so none of ncurses's windows is ever made. Its initscr would
// allocate three of them the size of the screen, and fill and compare them, for nothing.
#include <curses.h>
#include <term.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include "CTerminal.h"

static volatile sig_atomic_t pending_signal = 0;
// A byte is written here when a termination signal comes or the window changes size, so a wait for a key wakes at
// once: a flag alone could be set between the wait's test of it and the wait, which would then sleep through it
// (before the first key, with no time limit, until a key came).
static int wake_pipe[2] = { -1, -1 };

/// Called from signal handlers: keeps errno as the interrupted code had it.
static void wake(void) {
    int saved_errno = errno;
    if (wake_pipe[1] >= 0) {
        char byte = 1;
        (void)!write(wake_pipe[1], &byte, 1);
    }
    errno = saved_errno;
}

static void drain_wake_pipe(void) {
    char drain[16];
    if (wake_pipe[0] >= 0) while (read(wake_pipe[0], drain, sizeof drain) > 0) {}
}
static int started = 0;
static int color = 0;
static int colour_count = 0;

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

// The screen's opening sequences (the alternate screen, scroll region, keypad, paste mode), held from tb_start
// until the first frame so the terminal gets them and the frame in one write: one system call and one wake-up of
// the terminal's reader instead of seven, as ncurses sends its first screen. Longer ones are written at once.
static char prologue[512];
static size_t prologue_length = 0;
static int holding = 0;

/// Writes the held opening sequences, if any, and holds no more. Async-signal-safe.
static void flush_prologue(void) {
    holding = 0;
    size_t length = prologue_length;
    prologue_length = 0;
    if (length > 0) write_all(STDOUT_FILENO, prologue, length);
}

/// Writes bytes to the terminal after anything held; while the screen is opening, holds them with it instead if
/// they fit.
static void write_screen(const char *bytes, size_t length) {
    if (holding && prologue_length + length <= sizeof prologue) {
        memcpy(prologue + prologue_length, bytes, length);
        prologue_length += length;
        return;
    }
    if (prologue_length == 0) {
        write_all(STDOUT_FILENO, bytes, length);
        return;
    }
    // The held bytes and these together; what a short write leaves goes out in plain writes.
    struct iovec parts[2] = { { prologue, prologue_length }, { (void *)bytes, length } };
    size_t held = prologue_length;
    prologue_length = 0;
    ssize_t written;
    do { written = writev(STDOUT_FILENO, parts, 2); } while (written < 0 && errno == EINTR);
    size_t done = written > 0 ? (size_t)written : 0;
    if (done < held) {
        write_all(STDOUT_FILENO, prologue + done, held - done);
        done = held;
    }
    write_all(STDOUT_FILENO, bytes + (done - held), length - (done - held));
}

/// Puts the terminal back as it was before the screen went up: attributes reset, cursor shown, keypad and
/// paste and focus modes off, the normal screen back, then the saved termios. Async-signal-safe; runs once.
static void emergency_restore(void) {
    if (!screen_up) return;
    screen_up = 0;
    int saved_errno = errno;
    flush_prologue();
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
        wake();
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
    append_reset("\033[?2004l\033[?1004l"); // bracketed paste and focus reporting off
    append_capability("sgr0");                // attributes off
    append_capability("cnorm");               // the cursor shown
    append_capability("rmkx");                // keypad transmit mode off
    append_capability("rmcup");               // back from the alternate screen
}

// MARK: - The window size

static volatile sig_atomic_t resized = 0;
static struct sigaction previous_winch;

static void on_resize(int signal_number) {
    (void)signal_number;
    resized = 1;
    wake();
}

static int positive_env(const char *name) {
    const char *value = getenv(name);
    if (value == NULL || *value == 0) return 0;
    char *end = NULL;
    long number = strtol(value, &end, 10);
    return (end != NULL && *end == 0 && number > 0 && number < 100000) ? (int)number : 0;
}

/// The window's size as ncurses reckons it: the kernel's, then LINES and COLUMNS when set, then terminfo's.
static void measure_size(int *rows, int *cols) {
    int r = 0, c = 0;
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 || ioctl(STDIN_FILENO, TIOCGWINSZ, &size) == 0) {
        r = size.ws_row;
        c = size.ws_col;
    }
    int env_rows = positive_env("LINES"), env_cols = positive_env("COLUMNS");
    if (env_rows > 0) r = env_rows;
    if (env_cols > 0) c = env_cols;
    if (r <= 0) r = tigetnum("lines");
    if (c <= 0) c = tigetnum("cols");
    *rows = r > 0 ? r : 24;
    *cols = c > 0 ? c : 80;
}

// The size while the screen is up, measured at its start and at each KEY_RESIZE: a screen asks for it at every key.
static int screen_rows = 0, screen_cols = 0;

void tb_size(int *rows, int *cols) {
    if (!started) measure_size(&screen_rows, &screen_cols);
    *rows = screen_rows;
    *cols = screen_cols;
}

// MARK: - Keys

enum { ESCAPE_DELAY_MS = 25, MAX_KEYS = 160, KEY_BYTES = 32, INPUT_CAPACITY = 512 };

/// A key the terminal's terminfo entry names: the bytes it sends and the code it is given (ncurses's KEY_ codes for
/// the standard capabilities, codes above KEY_MAX for the extended ones, as ncurses gives them).
struct key_definition {
    char name[8];
    unsigned char bytes[KEY_BYTES];
    int length;
    int code;
};
static struct key_definition keys[MAX_KEYS];
static int key_count = 0;
static int next_extended_code = KEY_MAX + 1;

// Which bytes begin a key: any other byte is a character at once, without looking through the keys.
static unsigned char key_first_bytes[256];

static void add_key(const char *name, const char *value, int code) {
    if (key_count >= MAX_KEYS || value == NULL || value == (char *)-1 || value[0] == 0) return;
    size_t length = strlen(value);
    if (length >= KEY_BYTES) return;
    struct key_definition *key = &keys[key_count++];
    size_t name_length = strlen(name);
    if (name_length >= sizeof key->name) name_length = sizeof key->name - 1;
    memcpy(key->name, name, name_length);
    key->name[name_length] = 0;
    memcpy(key->bytes, value, length);
    key->length = (int)length;
    key->code = code;
    key_first_bytes[(unsigned char)value[0]] = 1;
}

/// A capability name of up to seven bytes as one number, its bytes in order; a longer one as none of them.
static uint64_t packed_name(const char *name) {
    uint64_t packed = 0;
    for (int index = 0; index < 7; index++) {
        if (name[index] == 0) return packed;
        packed |= (uint64_t)(unsigned char)name[index] << (8 * index);
    }
    return name[7] == 0 ? packed : UINT64_MAX;
}

/// The ncurses code of a standard key capability, or 0 when `name` is none of them.
static int standard_key_code(const char *name) {
    static const struct { const char *name; int code; } standard[] = {
        {"kcuu1", KEY_UP}, {"kcud1", KEY_DOWN}, {"kcub1", KEY_LEFT}, {"kcuf1", KEY_RIGHT},
        {"khome", KEY_HOME}, {"kend", KEY_END}, {"kich1", KEY_IC}, {"kdch1", KEY_DC},
        {"knp", KEY_NPAGE}, {"kpp", KEY_PPAGE}, {"kcbt", KEY_BTAB}, {"kent", KEY_ENTER},
        {"kbs", KEY_BACKSPACE}, {"kfnd", KEY_FIND}, {"kslt", KEY_SELECT}, {"kbeg", KEY_BEG},
        {"ka1", KEY_A1}, {"ka3", KEY_A3}, {"kb2", KEY_B2}, {"kc1", KEY_C1}, {"kc3", KEY_C3},
        {"kri", KEY_SR}, {"kind", KEY_SF}, {"kLFT", KEY_SLEFT}, {"kRIT", KEY_SRIGHT},
        {"kHOM", KEY_SHOME}, {"kEND", KEY_SEND}, {"kDC", KEY_SDC}, {"kIC", KEY_SIC},
        {"kNXT", KEY_SNEXT}, {"kPRV", KEY_SPREVIOUS},
    };
    enum { count = sizeof standard / sizeof standard[0] };
    if (name[1] == 'f' && name[2] >= '0' && name[2] <= '9') {
        int number = 0;
        for (const char *digit = name + 2; *digit != 0; digit++) {
            if (*digit < '0' || *digit > '9') return 0;
            number = number * 10 + (*digit - '0');
        }
        return number >= 1 && number <= 63 ? KEY_F(number) : 0;
    }
    // The names compared as numbers, each a compare instead of a strcmp: a start asks for every key name its entry
    // has (17,700 instructions of strcmp for xterm-256color's).
    static uint64_t packed[count];
    static int packed_ready = 0;
    if (!packed_ready) {
        for (size_t index = 0; index < count; index++) packed[index] = packed_name(standard[index].name);
        packed_ready = 1;
    }
    uint64_t wanted = packed_name(name);
    for (size_t index = 0; index < count; index++) {
        if (packed[index] == wanted) return standard[index].code;
    }
    return 0;
}

/// Every key the loaded terminfo entry names, in one pass over its strings: the standard key capabilities with
/// their ncurses codes, and every extended one whose name begins with k (xterm's modified keys: kLFT5 is
/// Ctrl-Left), each with a code of its own above KEY_MAX, as ncurses gives them. A sequence two capabilities share
/// is matched as the first.
static void load_keys(void) {
    key_count = 0;
    next_extended_code = KEY_MAX + 1;
    memset(key_first_bytes, 0, sizeof key_first_bytes);
    if (cur_term == NULL) return;
    const TERMTYPE *entry = (const TERMTYPE *)cur_term;
    int standard_count = entry->num_Strings - entry->ext_Strings;
    for (int index = 0; index < entry->num_Strings; index++) {
        const char *value = entry->Strings[index];
        if (value == NULL || value == (char *)-1) continue;
        const char *name;
        int code;
        if (index < standard_count) {
            name = strnames[index];
            if (name == NULL || name[0] != 'k') continue;
            code = standard_key_code(name);
            if (code == 0) continue;
        } else {
            name = entry->ext_Names[entry->ext_Booleans + entry->ext_Numbers + (index - standard_count)];
            if (name == NULL || name[0] != 'k') continue;
            code = next_extended_code++;
        }
        add_key(name, value, code);
    }
}

int tb_key_named(const char *name) {
    for (int index = 0; index < key_count; index++) {
        if (strcmp(keys[index].name, name) == 0) return keys[index].code;
    }
    return -1;
}

tb_key_match tb_match_key(const uint8_t *bytes, size_t length, int *code, size_t *consumed) {
    if (length == 0 || !key_first_bytes[bytes[0]]) return TB_MATCH_NONE;
    int best = -1;
    int partial = 0;
    for (int index = 0; index < key_count; index++) {
        const struct key_definition *key = &keys[index];
        if ((size_t)key->length <= length) {
            if (memcmp(key->bytes, bytes, (size_t)key->length) == 0 && (best < 0 || key->length > keys[best].length)) best = index;
        } else if (memcmp(key->bytes, bytes, length) == 0) {
            partial = 1;
        }
    }
    // A longer key may still be arriving (xterm's F1 and Ctrl-F1 share a beginning): wait for it before settling.
    if (partial) return TB_MATCH_PARTIAL;
    if (best < 0) return TB_MATCH_NONE;
    *code = keys[best].code;
    *consumed = (size_t)keys[best].length;
    return TB_MATCH_KEY;
}

int tb_load_keys_for(const char *terminal_name) {
    int error = 0;
    if (setupterm(terminal_name, -1, &error) != OK) return -1;
    load_keys();
    return key_count;
}

// The bytes read from the terminal and not yet handed over as keys.
static unsigned char input[INPUT_CAPACITY];
static size_t input_length = 0;
static mbstate_t input_state;

// MARK: - The locale's encoding

/// Whether a codeset's name says UTF-8 (UTF-8, utf8, UTF8, in any case), up to a locale name's `@modifier`: the
/// part after the dot of `C.UTF-8` or `de_DE.utf8@euro`, or nl_langinfo's CODESET.
static int codeset_is_utf8(const char *codeset) {
    const char *wanted = "utf8";
    for (const char *at = codeset; *at != '\0' && *at != '@'; at++) {
        if (*at == '-' || *at == '_') continue;
        char lower = (*at >= 'A' && *at <= 'Z') ? (char)(*at - 'A' + 'a') : *at;
        if (*wanted == '\0' || lower != *wanted) return 0;
        wanted++;
    }
    return *wanted == '\0';
}

static int utf8_locale = -1;

int tb_locale_is_utf8(void) {
    if (utf8_locale >= 0) return utf8_locale;
    // POSIX's order: LC_ALL, else LC_CTYPE, else LANG, the first set and not empty.
    const char *name = NULL;
    const char *variables[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (size_t i = 0; i < sizeof variables / sizeof variables[0] && name == NULL; i++) {
        const char *value = getenv(variables[i]);
        if (value != NULL && *value != '\0') name = value;
    }
    const char *dot = name != NULL ? strchr(name, '.') : NULL;
    if (dot != NULL && codeset_is_utf8(dot + 1)) {
        utf8_locale = 1;
    } else {
        setlocale(LC_CTYPE, "");
        const char *codeset = nl_langinfo(CODESET);
        utf8_locale = codeset != NULL && codeset_is_utf8(codeset);
    }
    return utf8_locale;
}

size_t tb_decode_utf8(const uint8_t *bytes, size_t length, uint32_t *scalar) {
    if (length == 0) return (size_t)-2;
    uint8_t first = bytes[0];
    if (first < 0x80) {
        *scalar = first;
        return first == 0 ? 0 : 1;
    }
    // The lead byte gives the length, and its low bits the value's first. As in glibc, F5-FD lead the longer forms
    // of the original UTF-8 (up to six bytes), refused once whole as past U+10FFFF; C0, C1, FE and FF lead nothing.
    if (first < 0xC2 || first > 0xFD) return (size_t)-1;
    size_t need = first <= 0xDF ? 2 : first <= 0xEF ? 3 : first <= 0xF7 ? 4 : first <= 0xFB ? 5 : 6;
    uint32_t value = first & (0xFFu >> (need + 1));
    for (size_t i = 1; i < need; i++) {
        if (i >= length) return (size_t)-2;
        if ((bytes[i] & 0xC0) != 0x80) return (size_t)-1;
        value = value << 6 | (bytes[i] & 0x3F);
    }
    // Whole, it must be the shortest form of a scalar (Unicode, table 3-7): no overlong form, no surrogate, nothing
    // past U+10FFFF (which glibc alone lets through). Like glibc, a sequence is judged on this once it is whole,
    // not while it is cut short.
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000};
    if (value < least[need] || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return (size_t)-1;
    *scalar = value;
    return need;
}

/// One character of the locale's encoding at the start of `bytes`, as mbrtowc answers: its length (0 for NUL),
/// (size_t)-2 when the bytes end before it does, (size_t)-1 when they begin none. UTF-8 is decoded here, so a
/// locale that names it needs no setlocale; another goes through the C library's locale.
static size_t decode_character(const uint8_t *bytes, size_t length, uint32_t *value) {
    if (tb_locale_is_utf8()) return tb_decode_utf8(bytes, length, value);
    wchar_t character = 0;
    mbstate_t state = input_state;
    size_t used = mbrtowc(&character, (const char *)bytes, length, &state);
    if (used == (size_t)-1 || used == (size_t)-2) return used;
    input_state = state;
    *value = (uint32_t)character;
    return used;
}

static double now_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec * 1000.0 + (double)now.tv_nsec / 1e6;
}

enum wait_result { WAIT_INPUT, WAIT_TIMEOUT, WAIT_RESIZE, WAIT_SIGNAL };

/// Waits up to `timeout_ms` (negative: no limit) for bytes from the terminal and appends what came.
static enum wait_result fill_input(int timeout_ms) {
    // A termination signal that came while the screen was drawing: the loop ends before it waits.
    if (pending_signal) return WAIT_SIGNAL;
    if (resized) return WAIT_RESIZE;
    struct pollfd waits[2] = { { STDIN_FILENO, POLLIN, 0 }, { wake_pipe[0], POLLIN, 0 } };
    int ready = poll(waits, wake_pipe[0] >= 0 ? 2 : 1, timeout_ms);
    if (pending_signal) return WAIT_SIGNAL;
    if (ready < 0) return errno == EINTR && resized ? WAIT_RESIZE : WAIT_SIGNAL;
    if (resized) return WAIT_RESIZE;
    if (ready == 0) return WAIT_TIMEOUT;
    if ((waits[0].revents & (POLLIN | POLLHUP | POLLERR)) && input_length < sizeof input) {
        ssize_t got = read(STDIN_FILENO, input + input_length, sizeof input - input_length);
        if (got > 0) {
            input_length += (size_t)got;
            return WAIT_INPUT;
        }
        if (got < 0 && errno == EINTR) return WAIT_SIGNAL;
        // End of input (the terminal hung up): as good as a hang-up signal for the screen's loop.
        if (pending_signal == 0) pending_signal = SIGHUP;
        return WAIT_SIGNAL;
    }
    return WAIT_TIMEOUT;
}

static void take_input(size_t count) {
    memmove(input, input + count, input_length - count);
    input_length -= count;
}

int tb_read_key(int timeout_ms, uint32_t *value) {
    if (resized) {
        resized = 0;
        drain_wake_pipe();
        measure_size(&screen_rows, &screen_cols);
        *value = KEY_RESIZE;
        return TB_KEY_CODE;
    }
    if (input_length == 0) {
        enum wait_result waited = fill_input(timeout_ms);
        if (waited == WAIT_RESIZE) return tb_read_key(0, value);
        if (waited != WAIT_INPUT) return TB_KEY_NONE;
    }
    // A key the terminfo entry names, waiting briefly for the rest of one that has begun.
    double deadline = now_ms() + ESCAPE_DELAY_MS;
    for (;;) {
        int code = 0;
        size_t consumed = 0;
        tb_key_match match = tb_match_key(input, input_length, &code, &consumed);
        if (match == TB_MATCH_KEY) {
            take_input(consumed);
            *value = (uint32_t)code;
            return TB_KEY_CODE;
        }
        if (match == TB_MATCH_NONE || input_length == sizeof input) break;
        int left = (int)(deadline - now_ms());
        if (left <= 0 || fill_input(left) != WAIT_INPUT) break;
    }
    // Else one character, in the locale's encoding; the bytes of one that is cut short wait a moment for the rest.
    for (;;) {
        uint32_t character = 0;
        size_t used = decode_character(input, input_length, &character);
        if (used == (size_t)-2 && input_length < sizeof input) {
            int left = (int)(deadline - now_ms());
            if (left > 0 && fill_input(left) == WAIT_INPUT) continue;
        }
        if (used == (size_t)-1 || used == (size_t)-2) {
            // Not a character of the locale's: hand the byte over as it is, and start afresh after it.
            memset(&input_state, 0, sizeof input_state);
            *value = input[0];
            take_input(1);
            return TB_KEY_CHAR;
        }
        if (used == 0) used = 1; // a NUL byte
        take_input(used);
        *value = character;
        return TB_KEY_CHAR;
    }
}

// MARK: - The screen

/// Writes a terminfo string (formatted or not) to the terminal without its padding; nothing for NULL.
static void write_plain(const char *value) {
    char plain[256];
    if (value != NULL && strip_padding(value, plain, sizeof plain) > 0) write_screen(plain, strlen(plain));
}

static void write_capability(const char *name) { write_plain(string_capability(name)); }

int tb_start(int use_color) {
    // The wide-character reading and the ASCII fallback go by the locale's encoding alone (tb_locale_is_utf8): a
    // locale whose name says UTF-8 is read without setlocale, which would open the locale's files at every start.
    tb_locale_is_utf8();
    // The entry is read once a process: a later screen (the results after a test) reuses it.
    int error = 0;
    if (cur_term == NULL && setupterm(NULL, STDOUT_FILENO, &error) != OK) return -1;
    saved_termios_fd = -1;
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) saved_termios_fd = STDIN_FILENO;
    else if (tcgetattr(STDOUT_FILENO, &saved_termios) == 0) saved_termios_fd = STDOUT_FILENO;
    if (saved_termios_fd < 0) return -1;
    pending_signal = 0;
    install_stop_handlers();
    // Nor can a signal a parent left blocked reach us: unblock the ones the screen depends on.
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGWINCH);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    // In raw mode Ctrl-Z is a key, not a stop: only another process's kill could send SIGTSTP, and a stopped
    // screen would leave the terminal raw. It is ignored while the screen is up.
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGTSTP, &ignore, &previous_tstp);
    // Termination signals and the window's size changes reach tb_read_key through a pipe as well as a flag.
    if (wake_pipe[0] < 0 && pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) wake_pipe[0] = wake_pipe[1] = -1;
    drain_wake_pipe();
    resized = 0;
    struct sigaction winch;
    memset(&winch, 0, sizeof winch);
    winch.sa_handler = on_resize;
    sigemptyset(&winch.sa_mask);
    winch.sa_flags = 0;
    sigaction(SIGWINCH, &winch, &previous_winch);
    load_keys();
    input_length = 0;
    memset(&input_state, 0, sizeof input_state);
    // Raw input as ncurses's raw(), noecho() and nonl() leave it: every key as it comes, Ctrl-C and Ctrl-Z as keys,
    // nothing echoed, CR kept apart from NL on the way in and out.
    struct termios screen_termios = saved_termios;
    screen_termios.c_lflag &= ~(tcflag_t)(ICANON | ISIG | IEXTEN | ECHO | ECHONL);
    screen_termios.c_iflag &= ~(tcflag_t)(IXON | BRKINT | PARMRK | ICRNL | INLCR | IGNCR);
    screen_termios.c_oflag &= ~(tcflag_t)ONLCR;
    screen_termios.c_cc[VMIN] = 1;
    screen_termios.c_cc[VTIME] = 0;
    while (tcsetattr(saved_termios_fd, TCSADRAIN, &screen_termios) != 0 && errno == EINTR) {}
    started = 1;
    compute_reset_sequence();
    screen_up = 1;
    install_crash_handlers();
    // The alternate screen, a scroll region of the whole screen, attributes off, insert mode off, the keypad's
    // keys sending what terminfo says they send: held, to go out with the first frame.
    prologue_length = 0;
    holding = 1;
    write_capability("smcup");
    measure_size(&screen_rows, &screen_cols);
    const char *region = string_capability("csr");
    if (region != NULL) write_plain(tiparm(region, 0, screen_rows - 1));
    write_capability("sgr0");
    write_capability("rmir");
    write_capability("smkx");
    colour_count = tigetnum("colors");
    color = use_color && colour_count >= 8 && (string_capability("setaf") != NULL || string_capability("setf") != NULL);
    return 0;
}

void tb_stop(void) {
    if (!started) return;
    started = 0;
    // The emergency restore's own bytes and termios: keypad off, the cursor shown, the normal screen back.
    emergency_restore();
    screen_up = 0;
    sigaction(SIGWINCH, &previous_winch, NULL);
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

void tb_write_raw(const char *bytes) { write_screen(bytes, strlen(bytes)); }

void tb_write(const uint8_t *bytes, size_t length) {
    holding = 0;
    write_screen((const char *)bytes, length);
}

int tb_capability(const char *name, char *out, size_t capacity) {
    const char *value = string_capability(name);
    return value == NULL ? -1 : strip_padding(value, out, capacity);
}

/// Appends `text` to `out` at `*length`; 0 when it does not fit (with the NUL after it).
static int append_text(char *out, size_t capacity, size_t *length, const char *text) {
    size_t size = strlen(text);
    if (*length + size + 1 > capacity) return 0;
    memcpy(out + *length, text, size);
    *length += size;
    out[*length] = 0;
    return 1;
}

/// The colour strings most terminals have, formatted here as tiparm formats them (its interpreter took 3,700
/// instructions a colour, and a start asks for ten): xterm-256color's (and tmux's and screen's), eight colours,
/// eight bright ones from 8 (SGR 90-97 and 100-107), then the palette from 16 by its index; and xterm's and the
/// Linux console's eight. Returns the length, -1 when it does not fit, or -2 when `value` is none of them.
static int known_colour(const char *value, int number, char *out, size_t capacity) {
    static const char *const indexed[2] = {
        "\033[%?%p1%{8}%<%t3%p1%d%e%p1%{16}%<%t9%p1%{8}%-%d%e38;5;%p1%d%;m",
        "\033[%?%p1%{8}%<%t4%p1%d%e%p1%{16}%<%t10%p1%{8}%-%d%e48;5;%p1%d%;m",
    };
    static const char *const eight[2] = {"\033[3%p1%dm", "\033[4%p1%dm"};
    if (number < 0) return -2;
    const char *prefix = NULL;
    int shown = number;
    for (int layer = 0; layer < 2 && prefix == NULL; layer++) {
        if (strcmp(value, indexed[layer]) == 0) {
            if (number < 8) prefix = layer == 0 ? "\033[3" : "\033[4";
            else if (number < 16) { prefix = layer == 0 ? "\033[9" : "\033[10"; shown = number - 8; }
            else prefix = layer == 0 ? "\033[38;5;" : "\033[48;5;";
        } else if (strcmp(value, eight[layer]) == 0) {
            prefix = layer == 0 ? "\033[3" : "\033[4";
        }
    }
    if (prefix == NULL) return -2;
    char digits[12];
    int at = (int)sizeof digits - 1;
    digits[at] = 0;
    do {
        digits[--at] = (char)('0' + shown % 10);
        shown /= 10;
    } while (shown > 0);
    size_t length = 0;
    if (!append_text(out, capacity, &length, prefix) || !append_text(out, capacity, &length, digits + at)
        || !append_text(out, capacity, &length, "m")) return -1;
    return (int)length;
}

/// `value` (a terminfo string, or NULL for none) formatted by tiparm, without padding, into `out`.
static int through_tiparm(const char *value, int first, int second, char *out, size_t capacity) {
    const char *formatted = value == NULL ? NULL : tiparm(value, first, second);
    return formatted == NULL ? -1 : strip_padding(formatted, out, capacity);
}

int tb_capability_through_tiparm(const char *name, int first, int second, char *out, size_t capacity) {
    return through_tiparm(string_capability(name), first, second, out, capacity);
}

int tb_capability_with(const char *name, int first, int second, char *out, size_t capacity) {
    const char *value = string_capability(name);
    if (value == NULL) return -1;
    int known = known_colour(value, first, out, capacity);
    return known != -2 ? known : through_tiparm(value, first, second, out, capacity);
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

int tb_colors(void) { return color ? colour_count : 0; }
