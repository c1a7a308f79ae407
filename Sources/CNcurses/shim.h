// ncurses for Swift: wide-character API switched on by hand (SwiftPM's
// pkgConfig would drop these defines), and accessors for what Swift 6 cannot
// import (macros, global variables). See ../../DECISIONS.md.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>

static inline WINDOW *hark_stdscr(void) { return stdscr; }
static inline int hark_lines(void) { return LINES; }
static inline int hark_cols(void) { return COLS; }
static inline int hark_colors(void) { return COLORS; }
static inline int hark_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t hark_color_pair(short pair) { return COLOR_PAIR(pair); }

static const attr_t HARK_A_NORMAL = A_NORMAL;
static const attr_t HARK_A_BOLD = A_BOLD;
static const attr_t HARK_A_DIM = A_DIM;
static const attr_t HARK_A_UNDERLINE = A_UNDERLINE;
static const attr_t HARK_A_REVERSE = A_REVERSE;

static const mmask_t HARK_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t HARK_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t HARK_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t HARK_BUTTON5_PRESSED = BUTTON5_PRESSED;

static const int HARK_KEY_CODE_YES = KEY_CODE_YES;
static const int HARK_KEY_UP = KEY_UP;
static const int HARK_KEY_DOWN = KEY_DOWN;
static const int HARK_KEY_LEFT = KEY_LEFT;
static const int HARK_KEY_RIGHT = KEY_RIGHT;
static const int HARK_KEY_NPAGE = KEY_NPAGE;
static const int HARK_KEY_PPAGE = KEY_PPAGE;
static const int HARK_KEY_HOME = KEY_HOME;
static const int HARK_KEY_END = KEY_END;
static const int HARK_KEY_ENTER = KEY_ENTER;
static const int HARK_KEY_BACKSPACE = KEY_BACKSPACE;
static const int HARK_KEY_DC = KEY_DC;
static const int HARK_KEY_BTAB = KEY_BTAB;
static const int HARK_KEY_RESIZE = KEY_RESIZE;
static const int HARK_KEY_MOUSE = KEY_MOUSE;
static const int HARK_KEY_F0 = KEY_F0;

/// A terminal capability string, or NULL when the terminal lacks it.
static inline const char *hark_capability(const char *name) {
    char *value = tigetstr((char *)name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

static inline FILE *hark_stdout(void) { return stdout; }
static inline FILE *hark_stdin(void) { return stdin; }
