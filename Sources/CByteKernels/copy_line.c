#include "CByteKernels.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t hark_copy_line(const uint8_t *from, size_t length, uint8_t *to, int fold, int *plain) {
    size_t i = 0;
#if defined(__SSE2__)
    // Unsigned ranges by signed compares: adding 0x80 - low moves low to -128,
    // so a byte is in low..<(low + width) exactly when it is then below -128 + width.
    const __m128i toUpperBase = _mm_set1_epi8((char)(0x80 - 0x41));
    const __m128i upperEnd = _mm_set1_epi8((char)(-128 + 26));
    const __m128i toPrintableBase = _mm_set1_epi8((char)(0x80 - 0x20));
    const __m128i printableEnd = _mm_set1_epi8((char)(-128 + 95));
    const __m128i lineFeed = _mm_set1_epi8(0x0A);
    const __m128i caseBit = _mm_set1_epi8(fold ? 0x20 : 0);
    while (length - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(from + i));
        __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(v, toUpperBase), upperEnd);
        _mm_storeu_si128((__m128i *)(to + i), _mm_or_si128(v, _mm_and_si128(upper, caseBit)));
        unsigned printable =
            (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(v, toPrintableBase), printableEnd));
        unsigned lineFeeds = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lineFeed));
        if (lineFeeds != 0) {
            // Only the bytes before the line feed are the line's.
            unsigned before = (1u << __builtin_ctz(lineFeeds)) - 1;
            if ((~printable & before) != 0) *plain = 0;
            return i + (size_t)__builtin_ctz(lineFeeds);
        }
        if (printable != 0xFFFF) *plain = 0;
        i += 16;
    }
#endif
    for (; i < length && from[i] != 0x0A; i++) {
        uint8_t b = from[i];
        if (b < 0x20 || b >= 0x7F) *plain = 0;
        to[i] = fold && (uint8_t)(b - 0x41) < 26 ? (uint8_t)(b | 0x20) : b;
    }
    return i;
}
