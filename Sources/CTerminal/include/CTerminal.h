// The few pieces of ncursesw (and POSIX signals) that Swift cannot reach directly: macros, the stdscr global,
// terminfo strings, a signal flag that must be written from a C signal handler, and the handlers that put the
// terminal back when the process dies while the screen is up.
#ifndef C_TERMINAL_H
#define C_TERMINAL_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opaque to Swift: the ncurses WINDOW.
typedef struct tb_window tb_window;

/// Key results of tb_read_key.
enum {
    TB_KEY_NONE = 0,      // timeout
    TB_KEY_CHAR = 1,      // *value is a character
    TB_KEY_CODE = 2,      // *value is an ncurses KEY_ code
};

/// Sets the character type (LC_CTYPE) from the environment, installs SIGINT/SIGTERM/SIGHUP handlers that only
/// set a flag (without SA_RESTART, so a blocked read returns; a second such signal restores the terminal and ends
/// the process at once), saves the termios, and starts ncurses in raw mode with keypad decoding and a 25 ms Esc
/// delay. While the screen is up, SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS and SIGFPE restore the saved termios
/// and write the reset sequence (async-signal-safe calls only), pass the signal to the handler that was there
/// before, and then take the default action. Returns 0 on success.
int tb_start(int use_color);
/// Restores the terminal and the signal handlers that were there before tb_start. Safe to call more than once.
void tb_stop(void);
/// Restores the terminal if the screen is still up, flushes stdio, and ends the process by `signal_number` with
/// its default action (so a parent sees death by that signal). Does not return.
void tb_end_by_signal(int signal_number) __attribute__((noreturn));
/// The bytes written to the terminal to undo the screen's modes when the process dies (valid after tb_start).
const char *tb_reset_sequence(size_t *length);
/// Whether colours are in use.
int tb_has_color(void);
void tb_size(int *rows, int *cols);
void tb_refresh(void);
/// Marks ncurses's window as unchanged, so reading a key does not refresh it (over what the painter drew): the
/// painter, not ncurses, draws the screen.
void tb_leave_window_alone(void);
void tb_clear(void);
/// Waits up to timeout_ms (-1 forever) for a key. Returns TB_KEY_NONE, TB_KEY_CHAR or TB_KEY_CODE.
int tb_read_key(int timeout_ms, uint32_t *value);
/// Writes raw bytes to the terminal (bracketed paste and focus reporting switches).
void tb_write_raw(const char *bytes);
/// Writes bytes to the terminal, all of them (a frame the painter made).
void tb_write(const uint8_t *bytes, size_t length);
/// This terminal's terminfo string `name` (e.g. "sgr0") without padding, into `out`; returns its length, or -1 when
/// the terminal has no such string or it does not fit.
int tb_capability(const char *name, char *out, size_t capacity);
/// The same for a string with parameters (e.g. "cup" with row and column, "setaf" with a colour).
int tb_capability_with(const char *name, int first, int second, char *out, size_t capacity);
/// Whether the terminal has the boolean capability `name` (e.g. "am").
int tb_flag(const char *name);
/// The first termination signal received since start (SIGINT, SIGTERM, SIGHUP), or 0.
int tb_pending_signal(void);
/// Whether the terminal's backspace key sends ^H (so 8 is plain backspace rather than Ctrl-Backspace).
int tb_backspace_is_ctrl_h(void);
/// The ncurses KEY_ codes Swift needs.
int tb_key_backspace(void);
int tb_key_resize(void);
int tb_key_enter(void);
int tb_key_btab(void);
/// The code ncurses gives the key whose terminfo capability is `name` (an extended one, like "kLFT5" for
/// Ctrl-Left), or -1 when the terminal has no such key.
int tb_key_named(const char *name);
/// How many colours the terminal has (0 when colour is off).
int tb_colors(void);

#ifdef __cplusplus
}
#endif

#endif
