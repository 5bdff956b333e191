// The binary's code in 2 MB pages where the kernel can: see tb_huge_text below.
#include <stdint.h>
#include <sys/mman.h>

// The linker's own symbols: where the binary's first segment (its headers and read-only data) begins and its code
// ends.
extern char __executable_start[];
extern char etext[];

/// Asks the kernel to back the binary's code with 2 MB pages (MADV_HUGEPAGE, a hint it may ignore). A start runs a
/// few thousand functions spread over 30 MB of code; in 4 KB pages that is a page fault for every 64 KB it touches,
/// some hundreds, and the process's exit unmaps as many. With the hint, the kernel reads the file into the page cache
/// in 2 MB pieces and maps each with one entry, so later starts fault a handful of times. Only whole 2 MB pieces
/// are named, from the binary's start (2 MB, position-dependent) to its code's end; the gap between the read-only
/// data and the code is refused (ENOMEM) and the rest still takes the hint. The first constructor of the binary
/// (priority 101; the command line's is 102), so the Swift runtime's start-up already benefits: code faulted in before
/// the hint stays in small pages while the file is cached, which is why scripts/startup.ld keeps the code that runs
/// before it away from the start's own.
__attribute__((constructor(101))) static void tb_huge_text(void) {
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t start = ((uintptr_t)__executable_start + huge - 1) & ~(huge - 1);
    uintptr_t end = (uintptr_t)etext & ~(huge - 1);
    if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#endif
}
