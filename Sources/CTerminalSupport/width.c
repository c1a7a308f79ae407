#define _GNU_SOURCE
#include <locale.h>
#include <wchar.h>
#include "CTerminalSupport.h"

// wcwidth answers by the thread's LC_CTYPE; a UTF-8 locale is installed for
// the calling thread once, so widths never depend on the user's settings.
static __thread int prepared = 0;

int hark_wcwidth(unsigned int scalar) {
    if (scalar < 0x7F) {
        return scalar >= 0x20 ? 1 : -1;
    }
    if (!prepared) {
        locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        if (utf8 != (locale_t)0) {
            uselocale(utf8);
        }
        prepared = 1;
    }
    return wcwidth((wchar_t)scalar);
}
