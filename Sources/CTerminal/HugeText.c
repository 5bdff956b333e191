// The binary's code in 2 MB pages where the kernel can: see tb_huge_text below.
#include <stdint.h>
#include <sys/mman.h>

// The linker's own symbols: where the binary's first segment (its headers and code) begins and its code ends.
extern char __executable_start[];
extern char etext[];

/// Asks the kernel to back the binary's code with 2 MB pages (MADV_HUGEPAGE, a hint it may ignore). A start runs a
/// few thousand functions spread over 30 MB of code; in 4 KB pages that is a page fault for every 64 KB it touches,
/// some hundreds, and the process's exit unmaps as many. With the hint, the kernel reads the file into the page cache
/// in 2 MB pieces and maps each with one entry, so later starts fault a dozen times. Only whole 2 MB pieces inside
/// the code are named; the position-dependent binary starts at 4 MB, so its first piece is whole. Runs before any
/// other constructor of the binary (priority 101), so the Swift runtime's start-up already benefits.
__attribute__((constructor(101))) static void tb_huge_text(void) {
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t start = ((uintptr_t)__executable_start + huge - 1) & ~(huge - 1);
    uintptr_t end = (uintptr_t)etext & ~(huge - 1);
    if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#endif
}
