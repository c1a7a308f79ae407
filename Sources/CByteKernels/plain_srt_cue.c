#include "CByteKernels.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { MARKUP_OR_CR = 1, NOT_CLEAN = 2 };

/// The end of the line at `i` (the index of its LF, or `n` when there is
/// none), adding to `*found` what the line holds: MARKUP_OR_CR for '<', '{'
/// or a CR that does not end the line as half of a CRLF, NOT_CLEAN for a
/// byte outside 0x20-0x7E (the CR of a CRLF aside) or two spaces in a row.
static size_t text_line_end(const uint8_t *p, size_t i, size_t n, int *found) {
#if defined(__SSE2__)
    const __m128i lineFeed = _mm_set1_epi8(0x0A);
    const __m128i carriageReturn = _mm_set1_epi8(0x0D);
    const __m128i open = _mm_set1_epi8(0x3C);
    const __m128i brace = _mm_set1_epi8(0x7B);
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
        unsigned markup = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, open), _mm_cmpeq_epi8(v, brace)));
        unsigned odd = ~(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(v, toPrintableBase), printableEnd));
        unsigned spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space));
        // A space that follows a space, as a bit where the second one is.
        odd |= spaces & ((spaces << 1) | spaceAtBlockEnd);
        if (crAtBlockEnd && !(lineFeeds & 1)) *found |= MARKUP_OR_CR;
        if (lineFeeds != 0) {
            unsigned k = (unsigned)__builtin_ctz(lineFeeds);
            unsigned before = (1u << k) - 1;
            // The CR right before the LF ends the line; any other is a line end of its own.
            unsigned ending = k > 0 ? returns & (1u << (k - 1)) : 0;
            if ((markup & before) != 0 || (returns & before & ~ending) != 0) *found |= MARKUP_OR_CR;
            if ((odd & before & ~ending) != 0) *found |= NOT_CLEAN;
            return i + k;
        }
        crAtBlockEnd = (returns >> 15) & 1;
        spaceAtBlockEnd = (spaces >> 15) & 1;
        if (markup != 0 || (returns & 0x7FFF) != 0) *found |= MARKUP_OR_CR;
        if ((odd & ~(crAtBlockEnd ? 0x8000u : 0u) & 0xFFFF) != 0) *found |= NOT_CLEAN;
        i += 16;
    }
    if (crAtBlockEnd && (i == n || p[i] != 0x0A)) *found |= MARKUP_OR_CR;
    if (spaceAtBlockEnd && i < n && p[i] == 0x20) *found |= NOT_CLEAN;
#endif
    for (; i < n; i++) {
        uint8_t b = p[i];
        if (b == 0x0A) return i;
        int ending = b == 0x0D && i + 1 < n && p[i + 1] == 0x0A;
        if (b == 0x3C || b == 0x7B || (b == 0x0D && !ending)) *found |= MARKUP_OR_CR;
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

int hark_scan_plain_srt_cue(const uint8_t *p, size_t n, size_t timing_length, hark_plain_srt_cue *cue) {
    size_t i = 0;
    cue->has_index = 0;
    // The index: digits alone on their line.
    if (n > 0 && is_digit(p[0])) {
        size_t k = 0;
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
    if (timingEnd > n || after_line_end(p, timingEnd, n) == 0) {
        int found = 0;
        timingEnd = text_line_end(p, i, n, &found);
        if (timingEnd == n || (found & MARKUP_OR_CR)) return 0;
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
        size_t end = text_line_end(p, i, n, &found);
        if (end == n || (found & MARKUP_OR_CR)) return 0;
        size_t contentEnd = p[end - 1] == 0x0D ? end - 1 : end;
        if (is_space(p[contentEnd - 1])) return 0;
        // A turn's mark (`- `, `>>`) or, on the first line, a colon (`Name:`) needs the caption rules.
        if (first == 0x2D || first == 0x3E || (lines == 0 && memchr(p + i, 0x3A, contentEnd - i) != NULL)) {
            cue->is_simple = 0;
        }
        cue->text_start[lines] = i;
        cue->text_length[lines] = contentEnd - i;
        joined += contentEnd - i;
        lines++;
        i = end + 1;
    }
}

size_t hark_join_plain_srt_cue(const uint8_t *from, const hark_plain_srt_cue *cue, uint8_t *to) {
    size_t w = 0;
    for (int k = 0; k < cue->text_lines; k++) {
        if (k > 0) to[w++] = 0x20;
        memcpy(to + w, from + cue->text_start[k], cue->text_length[k]);
        w += cue->text_length[k];
    }
    return w;
}
