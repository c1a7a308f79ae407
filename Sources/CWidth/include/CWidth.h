#ifndef HARK_CWIDTH_H
#define HARK_CWIDTH_H

/// The number of terminal columns a Unicode scalar takes, as glibc's
/// wcwidth (and so ncurses and tmux) count it, whatever the process locale:
/// 0 for combining marks, 2 for wide characters, -1 for control characters.
int hark_wcwidth(unsigned int scalar);

#endif
