#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "CTerminal.h"

static volatile sig_atomic_t pending_signal = 0;
static int started = 0;
static int color = 0;

static void on_signal(int signal_number) {
    if (pending_signal == 0) pending_signal = signal_number;
}

static void install(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a blocked read returns so the loop can restore the terminal
    sigaction(signal_number, &action, NULL);
}

int tb_start(int use_color) {
    setlocale(LC_ALL, "");
    install(SIGINT);
    install(SIGTERM);
    install(SIGHUP);
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
    if (initscr() == NULL) return -1;
    started = 1;
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
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
}

int tb_has_color(void) { return color; }

void tb_size(int *rows, int *cols) {
    *rows = getmaxy(stdscr);
    *cols = getmaxx(stdscr);
}

void tb_define_pair(short pair, short foreground, short background) {
    if (color) init_pair(pair, foreground, background);
}

void tb_put(int row, int col, const wchar_t *text, int style, short pair) {
    attr_t attributes = A_NORMAL;
    if (style & TB_BOLD) attributes |= A_BOLD;
    if (style & TB_DIM) attributes |= A_DIM;
    if (style & TB_UNDERLINE) attributes |= A_UNDERLINE;
    if (style & TB_REVERSE) attributes |= A_REVERSE;
    cchar_t cell;
    if (setcchar(&cell, text, attributes, color ? pair : 0, NULL) == OK) {
        mvwadd_wch(stdscr, row, col, &cell);
    }
}

void tb_move_cursor(int row, int col) { wmove(stdscr, row, col); }
void tb_show_cursor(int visible) { curs_set(visible ? 1 : 0); }
void tb_refresh(void) { wrefresh(stdscr); }
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

void tb_write_raw(const char *bytes) {
    size_t length = strlen(bytes);
    while (length > 0) {
        ssize_t written = write(STDOUT_FILENO, bytes, length);
        if (written <= 0) return;
        bytes += written;
        length -= (size_t)written;
    }
}

int tb_pending_signal(void) { return pending_signal; }

int tb_backspace_is_ctrl_h(void) {
    const char *kbs = tigetstr("kbs");
    return kbs != NULL && kbs != (char *)-1 && kbs[0] == 8 && kbs[1] == 0;
}

int tb_key_backspace(void) { return KEY_BACKSPACE; }
int tb_key_resize(void) { return KEY_RESIZE; }
int tb_key_enter(void) { return KEY_ENTER; }
int tb_key_btab(void) { return KEY_BTAB; }

int tb_colors(void) { return color ? COLORS : 0; }
