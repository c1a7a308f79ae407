#include "CByteKernels.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { MARKUP = 1, NOT_CLEAN = 2, ANGLE_CLOSE = 4, LONE_CR = 8, COLON = 16 };

/// The end of the line at `i` (the index of its LF, or `n` when there is
/// none), adding to `*found` what the line holds: MARKUP for either markup
/// byte (SRT's '<' and '{', WebVTT's '<' and '&'), LONE_CR for a CR that
/// does not end the line as half of a CRLF, NOT_CLEAN for a byte outside
/// 0x20-0x7E (the CR of a CRLF aside) or two spaces in a row, ANGLE_CLOSE
/// for a '>' (WebVTT's arrow ends its line's cue), when `webvtt`, COLON for
/// a ':' (a name's, on a cue's first line).
__attribute__((always_inline)) static inline size_t text_line_end(
    const uint8_t *p, size_t i, size_t n, int *found, const int webvtt) {
    const uint8_t secondMarkup = webvtt ? 0x26 : 0x7B;
#if defined(__SSE2__)
    const __m128i lineFeed = _mm_set1_epi8(0x0A);
    const __m128i carriageReturn = _mm_set1_epi8(0x0D);
    const __m128i open = _mm_set1_epi8(0x3C);
    const __m128i second = _mm_set1_epi8((char)secondMarkup);
    const __m128i angleClose = _mm_set1_epi8(0x3E);
    const __m128i colon = _mm_set1_epi8(0x3A);
    // Unsigned range by a signed compare (as in hark_copy_line).
    const __m128i toPrintableBase = _mm_set1_epi8((char)(0x80 - 0x20));
    const __m128i printableEnd = _mm_set1_epi8((char)(-128 + 95));
    const __m128i space = _mm_set1_epi8(0x20);
    // A CR in the last byte of a block may be the first half of a CRLF; a
    // space there may be the first of two.
    int crAtBlockEnd = 0;
    unsigned spaceAtBlockEnd = 0;
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        unsigned lineFeeds = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lineFeed));
        unsigned returns = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, carriageReturn));
        unsigned markup = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, open), _mm_cmpeq_epi8(v, second)));
        unsigned closes = webvtt ? (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, angleClose)) : 0;
        unsigned colons = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, colon));
        unsigned odd = ~(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(v, toPrintableBase), printableEnd));
        unsigned spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space));
        // A space that follows a space, as a bit where the second one is.
        odd |= spaces & ((spaces << 1) | spaceAtBlockEnd);
        if (crAtBlockEnd && !(lineFeeds & 1)) *found |= LONE_CR;
        if (lineFeeds != 0) {
            unsigned k = (unsigned)__builtin_ctz(lineFeeds);
            unsigned before = (1u << k) - 1;
            // The CR right before the LF ends the line; any other is a line end of its own.
            unsigned ending = k > 0 ? returns & (1u << (k - 1)) : 0;
            if ((markup & before) != 0) *found |= MARKUP;
            if ((returns & before & ~ending) != 0) *found |= LONE_CR;
            if ((odd & before & ~ending) != 0) *found |= NOT_CLEAN;
            if ((closes & before) != 0) *found |= ANGLE_CLOSE;
            if ((colons & before) != 0) *found |= COLON;
            return i + k;
        }
        crAtBlockEnd = (returns >> 15) & 1;
        spaceAtBlockEnd = (spaces >> 15) & 1;
        if (markup != 0) *found |= MARKUP;
        if ((returns & 0x7FFF) != 0) *found |= LONE_CR;
        if (closes != 0) *found |= ANGLE_CLOSE;
        if (colons != 0) *found |= COLON;
        if ((odd & ~(crAtBlockEnd ? 0x8000u : 0u) & 0xFFFF) != 0) *found |= NOT_CLEAN;
        i += 16;
    }
    if (crAtBlockEnd && (i == n || p[i] != 0x0A)) *found |= LONE_CR;
    if (spaceAtBlockEnd && i < n && p[i] == 0x20) *found |= NOT_CLEAN;
#endif
    for (; i < n; i++) {
        uint8_t b = p[i];
        if (b == 0x0A) return i;
        int ending = b == 0x0D && i + 1 < n && p[i + 1] == 0x0A;
        if (b == 0x3C || b == secondMarkup) *found |= MARKUP;
        if (b == 0x0D && !ending) *found |= LONE_CR;
        if (webvtt && b == 0x3E) *found |= ANGLE_CLOSE;
        if (b == 0x3A) *found |= COLON;
        if (((b < 0x20 || b > 0x7E) && !ending) || (b == 0x20 && i + 1 < n && p[i + 1] == 0x20)) *found |= NOT_CLEAN;
    }
    return n;
}

/// Past the line end at `i` (LF or CRLF), or 0 when there is none at `i`.
static size_t after_line_end(const uint8_t *p, size_t i, size_t n) {
    if (i < n && p[i] == 0x0A) return i + 1;
    if (i + 1 < n && p[i] == 0x0D && p[i + 1] == 0x0A) return i + 2;
    return 0;
}

static int is_space(uint8_t b) { return b == 0x20 || b == 0x09; }
static int is_digit(uint8_t b) { return b >= 0x30 && b <= 0x39; }

/// Whether `p[0..<n]` holds an LF or a CR.
static int has_line_end(const uint8_t *p, size_t n) {
#if defined(__SSE2__)
    if (n >= 16 && n <= 32) {
        // Two blocks, overlapping: the usual timing line's length.
        const __m128i lineFeed = _mm_set1_epi8(0x0A);
        const __m128i carriageReturn = _mm_set1_epi8(0x0D);
        __m128i head = _mm_loadu_si128((const __m128i *)p);
        __m128i tail = _mm_loadu_si128((const __m128i *)(p + n - 16));
        __m128i ends = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(head, lineFeed), _mm_cmpeq_epi8(head, carriageReturn)),
            _mm_or_si128(_mm_cmpeq_epi8(tail, lineFeed), _mm_cmpeq_epi8(tail, carriageReturn)));
        return _mm_movemask_epi8(ends) != 0;
    }
#endif
    for (size_t k = 0; k < n; k++) {
        if (p[k] == 0x0A || p[k] == 0x0D) return 1;
    }
    return 0;
}

/// How many digits `p` starts with, when fewer than sixteen (sixteen
/// bytes at once); else 0, for the caller to count a byte at a time.
static size_t leading_digits(const uint8_t *p, size_t n) {
#if defined(__SSE2__)
    if (n >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)p);
        // Unsigned range by a signed compare (as in hark_copy_line).
        __m128i shifted = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - 0x30)));
        unsigned digits = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(shifted, _mm_set1_epi8((char)(-128 + 10))));
        if (digits != 0xFFFF) return (size_t)__builtin_ctz(~digits);
    }
#endif
    (void)p;
    (void)n;
    return 0;
}

/// Whether `p[0..<n]` holds WebVTT's arrow.
static int has_arrow(const uint8_t *p, size_t n) {
    for (size_t k = 2; k < n; k++) {
        if (p[k] == 0x3E && p[k - 1] == 0x2D && p[k - 2] == 0x2D) return 1;
    }
    return 0;
}

/// The two formats' plain cue: one body, so that each is compiled with its
/// own markup bytes and without the other's checks.
__attribute__((always_inline)) static inline int scan_plain_cue(
    const uint8_t *p, size_t n, size_t timing_length, hark_plain_cue *cue, const int webvtt) {
    size_t i = 0;
    cue->has_index = 0;
    // The index: digits alone on their line.
    if (n > 0 && is_digit(p[0])) {
        size_t k = leading_digits(p, n);
        while (k < n && k < 20 && is_digit(p[k])) k++;
        size_t next = after_line_end(p, k, n);
        if (next != 0) {
            cue->has_index = 1;
            i = next;
        }
    }
    // The timing line, its shape left to the caller: the usual length first.
    if (i >= n || !is_digit(p[i])) return 0;
    cue->timing = i;
    size_t timingEnd = i + timing_length;
    // The usual length ends the line only if no line end comes before it.
    if (timingEnd > n || after_line_end(p, timingEnd, n) == 0 || has_line_end(p + i, timing_length)) {
        int found = 0;
        timingEnd = text_line_end(p, i, n, &found, webvtt);
        // WebVTT's settings may hold markup bytes; no timing line a lone CR.
        if (timingEnd == n || (found & LONE_CR) || (!webvtt && (found & MARKUP))) return 0;
        if (p[timingEnd - 1] == 0x0D) timingEnd--;
    }
    cue->timing_length = timingEnd - i;
    i = after_line_end(p, timingEnd, n);
    if (i == 0) return 0;
    // Text lines up to an empty line.
    int lines = 0;
    int found = 0;
    size_t joined = 0;
    cue->is_simple = 1;
    for (;;) {
        size_t next = after_line_end(p, i, n);
        if (next != 0) {
            if (lines == 0) return 0;
            cue->text_lines = lines;
            cue->used = next;
            cue->joined_length = joined + (size_t)lines - 1;
            // Clean text, and short enough to be a segment whole.
            if ((found & NOT_CLEAN) || next > 65536) cue->is_simple = 0;
            return 1;
        }
        if (lines == HARK_PLAIN_CUE_MAX_LINES || i >= n) return 0;
        uint8_t first = p[i];
        if (is_space(first) || is_digit(first)) return 0;
        int lineFound = 0;
        size_t end = text_line_end(p, i, n, &lineFound, webvtt);
        found |= lineFound;
        if (end == n || (found & (MARKUP | LONE_CR))) return 0;
        size_t contentEnd = p[end - 1] == 0x0D ? end - 1 : end;
        // A line with WebVTT's arrow starts a cue of its own.
        if (webvtt && (lineFound & ANGLE_CLOSE) && has_arrow(p + i, contentEnd - i)) return 0;
        if (is_space(p[contentEnd - 1])) return 0;
        // A turn's mark (`- `, `>>`) or, on the first line, a colon (`Name:`) needs the caption rules.
        if (first == 0x2D || first == 0x3E || (lines == 0 && (lineFound & COLON))) {
            cue->is_simple = 0;
        }
        cue->text_start[lines] = i;
        cue->text_length[lines] = contentEnd - i;
        joined += contentEnd - i;
        lines++;
        i = end + 1;
    }
}

int hark_scan_plain_srt_cue(const uint8_t *from, size_t length, size_t timing_length, hark_plain_cue *cue) {
    return scan_plain_cue(from, length, timing_length, cue, 0);
}

int hark_scan_plain_webvtt_cue(const uint8_t *from, size_t length, size_t timing_length, hark_plain_cue *cue) {
    return scan_plain_cue(from, length, timing_length, cue, 1);
}

size_t hark_join_plain_cue(const uint8_t *from, const hark_plain_cue *cue, uint8_t *to) {
    size_t w = 0;
    for (int k = 0; k < cue->text_lines; k++) {
        if (k > 0) to[w++] = 0x20;
        memcpy(to + w, from + cue->text_start[k], cue->text_length[k]);
        w += cue->text_length[k];
    }
    return w;
}
