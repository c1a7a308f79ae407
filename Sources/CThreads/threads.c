#define _GNU_SOURCE
#include "CThreads.h"

#include <sched.h>
#include <stdlib.h>

typedef struct {
    void *(*body)(void *);
    void *context;
    cpu_set_t allowed;
    int hasAllowed;
} start;

static void *begin(void *argument) {
    start s = *(start *)argument;
    free(argument);
    if (s.hasAllowed) pthread_setaffinity_np(pthread_self(), sizeof s.allowed, &s.allowed);
    return s.body(s.context);
}

int hark_thread_start_elsewhere(pthread_t *thread, void *(*body)(void *), void *context) {
    start *s = malloc(sizeof *s);
    if (s == NULL) return pthread_create(thread, NULL, body, context);
    s->body = body;
    s->context = context;
    s->hasAllowed = 0;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    int here = sched_getcpu();
    if (here >= 0 && sched_getaffinity(0, sizeof s->allowed, &s->allowed) == 0 && CPU_COUNT(&s->allowed) > 1
        && CPU_ISSET(here, &s->allowed)) {
        cpu_set_t elsewhere = s->allowed;
        CPU_CLR(here, &elsewhere);
        s->hasAllowed = pthread_attr_setaffinity_np(&attributes, sizeof elsewhere, &elsewhere) == 0;
    }
    int error = pthread_create(thread, &attributes, begin, s);
    pthread_attr_destroy(&attributes);
    if (error != 0) free(s);
    return error;
}
