// Preloaded just before libfaketime by `keyless exec` (src/cli/faketime.ts), so that waits on the
// clocks libfaketime is told to leave alone (FAKETIME_DONT_FAKE_MONOTONIC=1) really wait.
//
// libfaketime 0.9.10 (Debian bookworm's `faketime`) rewrites two kinds of deadline as if they
// were on the faked wall clock even when the monotonic clock is not faked:
// - clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, ...) is given a negative time and fails with
//   EINVAL (wolfcw/libfaketime#426). Python >= 3.11 sleeps that way, so time.sleep raised
//   "OSError: [Errno 22] Invalid argument" under exec, in AWS CLI waiters and boto3 back-off too.
// - pthread_cond_timedwait on a condition variable set to CLOCK_MONOTONIC is given a deadline in
//   the past and times out at once (fixed upstream in wolfcw/libfaketime#503). Node's
//   Atomics.wait (V8) then spins at full CPU until its own deadline, and CPython's GIL wait
//   wakes early over and over.
// For those clocks this file calls glibc's own function; every other call goes on to the next
// definition, libfaketime's. nanosleep, usleep, sleep, poll, select, epoll_wait, sem_timedwait
// and sem_clockwait were checked under libfaketime 0.9.10 and wait as long as asked.
//
// TODO(timerfd): timerfd_settime(TFD_TIMER_ABSTIME) on a CLOCK_MONOTONIC timerfd is rewritten the
// same way (wolfcw/libfaketime#378); nothing exec is meant to run uses timerfd. Handling it needs
// the clock of each timerfd recorded at timerfd_create.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int (*clock_nanosleep_fn)(clockid_t, int, const struct timespec *, struct timespec *);
typedef int (*cond_timedwait_fn)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *);

// Read as libfaketime reads it: "1" leaves the monotonic clocks real. Otherwise libfaketime fakes
// those clocks and their deadlines alike, and a deadline read on the faked clock must not reach
// the kernel unchanged (it lies decades ahead), so every call goes to libfaketime.
static int monotonic_is_real(void) {
  static int known; // 0 until read, then 1 for real, 2 for faked
  int answer = __atomic_load_n(&known, __ATOMIC_RELAXED);
  if (answer == 0) {
    const char *setting = getenv("FAKETIME_DONT_FAKE_MONOTONIC");
    if (setting == NULL) setting = getenv("DONT_FAKE_MONOTONIC");
    answer = setting != NULL && strcmp(setting, "1") == 0 ? 1 : 2;
    __atomic_store_n(&known, answer, __ATOMIC_RELAXED);
  }
  return answer == 1;
}

static int left_alone(clockid_t clock) {
  if (clock != CLOCK_MONOTONIC && clock != CLOCK_MONOTONIC_RAW && clock != CLOCK_BOOTTIME) return 0;
  return monotonic_is_real();
}

// glibc's definition, found through libc's own handle: a lookup from a preloaded library
// (RTLD_NEXT, RTLD_DEFAULT) would find libfaketime's first.
static void *glibc(const char *name) {
  void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
  return libc == NULL ? NULL : dlsym(libc, name);
}

// Looked up on first use and kept; a race only stores the same pointer twice.
static void *once(void **slot, void *(*find)(const char *), const char *name) {
  void *found = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
  if (found == NULL) {
    found = find(name);
    __atomic_store_n(slot, found, __ATOMIC_RELEASE);
  }
  return found;
}

static void *next(const char *name) { return dlsym(RTLD_NEXT, name); }

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
                    struct timespec *remain) {
  static void *real, *faked;
  clock_nanosleep_fn call = (clock_nanosleep_fn)(left_alone(clock)
                                                     ? once(&real, glibc, "clock_nanosleep")
                                                     : once(&faked, next, "clock_nanosleep"));
  // clock_nanosleep reports failure by its return value, not errno (POSIX).
  return call == NULL ? ENOSYS : call(clock, flags, request, remain);
}

#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 25)
// glibc keeps a condition variable's clock in bit 1 of __wrefs, set once by pthread_cond_init
// and read the same way by glibc's pthread_cond_timedwait (nptl/pthread_cond_wait.c,
// __PTHREAD_COND_CLOCK_MONOTONIC_MASK in nptl/pthreadP.h, since glibc 2.25).
static int waits_on_monotonic(pthread_cond_t *cond) {
  unsigned int flags = __atomic_load_n(&cond->__data.__wrefs, __ATOMIC_RELAXED);
  return (flags & 2) != 0 && monotonic_is_real();
}

// Unversioned, so it also receives calls bound to the pre-2.3.2 condition variable ABI
// (pthread_cond_timedwait@GLIBC_2.2.5 on x86-64); no binary that old is expected under exec.
int pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex,
                           const struct timespec *deadline) {
  static void *real, *faked;
  cond_timedwait_fn call =
      (cond_timedwait_fn)(waits_on_monotonic(cond) ? once(&real, glibc, "pthread_cond_timedwait")
                                                   : once(&faked, next, "pthread_cond_timedwait"));
  return call == NULL ? ENOSYS : call(cond, mutex, deadline);
}
#endif
