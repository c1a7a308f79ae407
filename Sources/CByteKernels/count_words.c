#include "CByteKernels.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t hark_count_words(const uint8_t *text, size_t length) {
    if (length == 0) return 0;
    size_t words = text[0] != 0x20;
    size_t i = 1;
#if defined(__SSE2__)
    // A word starts at a byte that is not a space after one that is: sixteen
    // at a time, counted in byte lanes (up to 255 blocks), summed by SAD.
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i zero = _mm_setzero_si128();
    while (length - i >= 16) {
        __m128i counts = zero;
        size_t blocks = (length - i) / 16;
        if (blocks > 255) blocks = 255;
        for (size_t b = 0; b < blocks; b++, i += 16) {
            __m128i here = _mm_loadu_si128((const __m128i *)(text + i));
            __m128i before = _mm_loadu_si128((const __m128i *)(text + i - 1));
            __m128i starts = _mm_andnot_si128(_mm_cmpeq_epi8(here, space), _mm_cmpeq_epi8(before, space));
            counts = _mm_sub_epi8(counts, starts);
        }
        __m128i sums = _mm_sad_epu8(counts, zero);
        words += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
    }
#endif
    for (; i < length; i++) words += text[i] != 0x20 && text[i - 1] == 0x20;
    return words;
}
