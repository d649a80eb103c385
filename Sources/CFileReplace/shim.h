// `renameat2(…, RENAME_EXCHANGE)`, which Swift's Glibc module does not show (glibc declares it only
// under _GNU_SOURCE). Called through the system call, so the glibc version does not matter.
#ifndef ATTNBOOK_CFILEREPLACE_H
#define ATTNBOOK_CFILEREPLACE_H
#include <errno.h>
#include <fcntl.h>
#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>
#endif

/// Swaps the directory entries `a` and `b` in one step (both must exist). Returns 0, or -1 with
/// errno set: ENOSYS or EINVAL where the kernel or file system cannot swap, ENOENT when one is missing.
static inline int attnbook_exchange(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
    (void)a; (void)b;
    errno = ENOSYS;
    return -1;
#endif
}
#endif
