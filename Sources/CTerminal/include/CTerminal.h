// The terminal's C side, which Swift cannot reach directly: terminfo (through ncursesw's setupterm and tigetstr; no
// ncurses window is ever made, the painter draws), raw mode, reading keys as ncurses would decode them (its KEY_
// codes for the keys the terminfo entry names), a signal flag that must be written from a C signal handler, and the
// handlers that put the terminal back when the process dies while the screen is up.
#ifndef C_TERMINAL_H
#define C_TERMINAL_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Key results of tb_read_key.
enum {
    TB_KEY_NONE = 0,      // timeout
    TB_KEY_CHAR = 1,      // *value is a character
    TB_KEY_CODE = 2,      // *value is an ncurses KEY_ code
};

typedef enum {
    TB_MATCH_NONE = 0,    // the bytes do not begin any key the terminfo entry names
    TB_MATCH_PARTIAL = 1, // they are the beginning of one: more bytes may complete it
    TB_MATCH_KEY = 2,     // they begin with a whole key: *code is its code, *consumed its length
} tb_key_match;

/// Sets the character type (LC_CTYPE) from the environment, installs SIGINT/SIGTERM/SIGHUP handlers that only
/// set a flag (without SA_RESTART, so a blocked read returns; a second such signal restores the terminal and ends
/// the process at once), saves the termios, reads the terminal's terminfo entry and its keys, and puts the terminal
/// in raw mode on the alternate screen with the keypad transmitting (the opening sequences, and tb_write_raw's until
/// then, are held and sent with the first tb_write, in one write). While the screen is up, SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS and SIGFPE restore the saved termios
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
/// Whether the environment's locale encodes characters as UTF-8: its name says so (LC_ALL, else LC_CTYPE, else LANG,
/// as `C.UTF-8` or `en_GB.utf8` do), or else, once `setlocale(LC_CTYPE, "")` has set the C library's locale from the
/// environment, its codeset is UTF-8. A name that says UTF-8 is taken at its word without setlocale, whose search
/// of the locale's files costs some 100 µs a start; such a locale that is not installed still means a UTF-8
/// terminal. Decided once a process.
int tb_locale_is_utf8(void);
/// Decodes the UTF-8 character at the start of `bytes` into `scalar`, as mbrtowc does in a UTF-8 locale: its length
/// in bytes (0 for NUL), (size_t)-2 when the bytes end before it does, (size_t)-1 when they begin no well-formed
/// character (a stray continuation byte, a lead byte without its continuations; whole: an overlong form, a
/// surrogate, past U+10FFFF).
size_t tb_decode_utf8(const uint8_t *bytes, size_t length, uint32_t *scalar);
/// The window's size: the kernel's, then LINES and COLUMNS when set, then terminfo's, as ncurses reckons it; while
/// the screen is up, as measured at its start and at the last KEY_RESIZE.
void tb_size(int *rows, int *cols);
/// Waits up to timeout_ms (-1 forever) for a key. Returns TB_KEY_NONE (a timeout, or a signal to look at),
/// TB_KEY_CHAR (a character in the locale's encoding, or a byte that is none) or TB_KEY_CODE (a key the terminfo
/// entry names, waiting up to 25 ms for the rest of one that has begun; KEY_RESIZE when the window changed size).
int tb_read_key(int timeout_ms, uint32_t *value);
/// Which key of the loaded terminfo entry `bytes` begin with (the longest whole one), as tb_read_key decides it.
tb_key_match tb_match_key(const uint8_t *bytes, size_t length, int *code, size_t *consumed);
/// Loads the terminfo entry `terminal_name` and its keys without starting the screen (for tests); the number of
/// keys, or -1 when the entry is unknown.
int tb_load_keys_for(const char *terminal_name);
/// Writes raw bytes to the terminal (bracketed paste and focus reporting switches).
void tb_write_raw(const char *bytes);
/// Writes bytes to the terminal, all of them (a frame the painter made).
void tb_write(const uint8_t *bytes, size_t length);
/// The process's argv and its count as the standard library is given them (Arguments.c): kept by a constructor
/// from the ones glibc passes, never looked up.
char **tb_process_arguments(int *count);
/// This terminal's terminfo string `name` (e.g. "sgr0") without padding, into `out`; returns its length, or -1 when
/// the terminal has no such string or it does not fit.
int tb_capability(const char *name, char *out, size_t capacity);
/// The same for a string with parameters (e.g. "cup" with row and column, "setaf" with a colour).
int tb_capability_with(const char *name, int first, int second, char *out, size_t capacity);
/// The same formatted by ncurses's tiparm alone, as tb_capability_with formats what it does not shortcut (for
/// tests: the reference its shortcuts are held to).
int tb_capability_through_tiparm(const char *name, int first, int second, char *out, size_t capacity);
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
/// The code of the key whose terminfo capability is `name` (an extended one, like "kLFT5" for Ctrl-Left: a code
/// above ncurses's KEY_MAX, as ncurses gives it), or -1 when the terminal has no such key.
int tb_key_named(const char *name);
/// How many colours the terminal has (0 when colour is off).
int tb_colors(void);

#ifdef __cplusplus
}
#endif

#endif
