#include "CByteKernels.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int hark_copy_clean_ascii(const uint8_t *from, size_t length, uint8_t *to) {
    if (length == 0 || from[0] == 0x20 || from[length - 1] == 0x20) return 0;
#if defined(__SSE2__)
    if (length >= 17) {
        // As in hark_copy_line: printable exactly when, 0x20 moved to -128,
        // the byte is below -128 + 95.
        const __m128i toPrintableBase = _mm_set1_epi8((char)(0x80 - 0x20));
        const __m128i printableEnd = _mm_set1_epi8((char)(-128 + 95));
        const __m128i space = _mm_set1_epi8(0x20);
        __m128i bad = _mm_setzero_si128();
        size_t i = 0;
        for (;;) {
            // The bytes at i and the ones after them: every pair is looked at once.
            __m128i here = _mm_loadu_si128((const __m128i *)(from + i));
            __m128i next = _mm_loadu_si128((const __m128i *)(from + i + 1));
            _mm_storeu_si128((__m128i *)(to + i), here);
            __m128i printable = _mm_and_si128(
                _mm_cmplt_epi8(_mm_add_epi8(here, toPrintableBase), printableEnd),
                _mm_cmplt_epi8(_mm_add_epi8(next, toPrintableBase), printableEnd));
            __m128i doubled = _mm_and_si128(_mm_cmpeq_epi8(here, space), _mm_cmpeq_epi8(next, space));
            bad = _mm_or_si128(bad, _mm_or_si128(_mm_andnot_si128(printable, _mm_set1_epi8(-1)), doubled));
            if (i + 17 >= length) break;
            // The last step overlaps the one before it rather than reading past the end.
            i = i + 16 + 17 > length ? length - 17 : i + 16;
        }
        // The last byte (looked at as the one after): copied too.
        to[length - 1] = from[length - 1];
        return _mm_movemask_epi8(bad) == 0;
    }
#endif
    int clean = 1;
    for (size_t i = 0; i < length; i++) {
        uint8_t b = from[i];
        to[i] = b;
        if (b < 0x20 || b >= 0x7F || (b == 0x20 && i + 1 < length && from[i + 1] == 0x20)) clean = 0;
    }
    return clean;
}
