// CLinuxShims: the Linux calls Glibc's Swift overlay does not expose (epoll,
// eventfd, timerfd, accept4), for the Live module. `_GNU_SOURCE` is defined by
// the target's cSettings for the .c file only: defining it here would break
// `fd_set` in SwiftGlibc (swift-linux-notes.md, "Syscalls").
#ifndef KEEPALIVE_LAB_C_LINUX_SHIMS_H
#define KEEPALIVE_LAB_C_LINUX_SHIMS_H

#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include "KeepaliveLabGzip.h"

/// accept4(2); declared by <sys/socket.h> only under _GNU_SOURCE.
int keepalive_lab_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// Names the calling thread (pthread_setname_np is a GNU extension Glibc's module does not export).
int keepalive_lab_name_current_thread(const char *name);

/// Pins the calling thread to one CPU (pthread_setaffinity_np, a GNU extension); 0 on success.
int keepalive_lab_pin_current_thread(int cpu);

/// epoll_event is packed (12 bytes) on x86_64 and 16 bytes on arm64, so Swift
/// reads and writes its fields through these helpers instead of guessing the layout.
uint32_t keepalive_lab_epoll_event_events(const struct epoll_event *event);
uint64_t keepalive_lab_epoll_event_data(const struct epoll_event *event);
void keepalive_lab_epoll_event_set(struct epoll_event *event, uint32_t events, uint64_t data);
/// A buffer of `count` events sized by C's own sizeof (packing included); NULL if out of memory.
struct epoll_event *keepalive_lab_epoll_events_allocate(int count);
void keepalive_lab_epoll_events_free(struct epoll_event *events);
/// The `index`th event of such a buffer.
struct epoll_event *keepalive_lab_epoll_event_at(struct epoll_event *events, int index);

/// The epoll event bits as plain uint32_t (Swift imports them as EPOLL_EVENTS;
/// EPOLLET is 1u << 31, which a checked Int32 conversion would trap on).
static const uint32_t keepalive_lab_epollin = EPOLLIN;
static const uint32_t keepalive_lab_epollout = EPOLLOUT;
static const uint32_t keepalive_lab_epollerr = EPOLLERR;
static const uint32_t keepalive_lab_epollhup = EPOLLHUP;
static const uint32_t keepalive_lab_epollrdhup = EPOLLRDHUP;
static const uint32_t keepalive_lab_epollexclusive = EPOLLEXCLUSIVE;

/// Flags whose C types vary (int, enums, int-sized macros) as plain int.
static const int keepalive_lab_epoll_cloexec = EPOLL_CLOEXEC;
static const int keepalive_lab_efd_cloexec = EFD_CLOEXEC;
static const int keepalive_lab_efd_nonblock = EFD_NONBLOCK;
static const int keepalive_lab_tfd_cloexec = TFD_CLOEXEC;
static const int keepalive_lab_tfd_nonblock = TFD_NONBLOCK;
static const int keepalive_lab_tfd_timer_abstime = TFD_TIMER_ABSTIME;
static const int keepalive_lab_sock_stream_nonblock_cloexec = SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC;
static const int keepalive_lab_sock_nonblock_cloexec = SOCK_NONBLOCK | SOCK_CLOEXEC;
static const int keepalive_lab_msg_nosignal = MSG_NOSIGNAL;
static const int keepalive_lab_ipproto_tcp = IPPROTO_TCP;

#endif
