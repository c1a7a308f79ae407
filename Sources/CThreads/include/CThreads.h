#ifndef C_THREADS_H
#define C_THREADS_H

#include <pthread.h>

/// Starts `body(context)` on a new thread, placed on a CPU other than the
/// caller's when the process may run on more than one. Left to itself the
/// scheduler may queue a new thread behind the one that started it, on the
/// same CPU, for milliseconds while another CPU idles; the thread may move
/// anywhere once started (it is given back every CPU the process had).
/// Returns 0, or the error of pthread_create.
int hark_thread_start_elsewhere(pthread_t *thread, void *(*body)(void *), void *context);

#endif
