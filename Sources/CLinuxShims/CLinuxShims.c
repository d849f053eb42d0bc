// _GNU_SOURCE comes from the target's cSettings (Package.swift), never from the header.
#include "CLinuxShims.h"
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

int keepalive_lab_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

int keepalive_lab_name_current_thread(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}

int keepalive_lab_pin_current_thread(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

uint32_t keepalive_lab_epoll_event_events(const struct epoll_event *event) {
    return event->events;
}

uint64_t keepalive_lab_epoll_event_data(const struct epoll_event *event) {
    return event->data.u64;
}

void keepalive_lab_epoll_event_set(struct epoll_event *event, uint32_t events, uint64_t data) {
    event->events = events;
    event->data.u64 = data;
}

struct epoll_event *keepalive_lab_epoll_events_allocate(int count) {
    return calloc((size_t)count, sizeof(struct epoll_event));
}

void keepalive_lab_epoll_events_free(struct epoll_event *events) {
    free(events);
}

struct epoll_event *keepalive_lab_epoll_event_at(struct epoll_event *events, int index) {
    return &events[index];
}
