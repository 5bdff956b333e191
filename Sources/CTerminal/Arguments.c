// The command line for the Swift standard library, kept by a constructor: see _swift_stdlib_getUnsafeArgvArgc below.
#include <stddef.h>

#include "CTerminal.h"

static char **tb_argv;
static int tb_argc;
static char *tb_no_arguments[] = { NULL };

/// Keeps the process's argc and argv. glibc calls a program's constructors with main's three arguments, so this
/// needs no search. Priority 102: before any other constructor of the binary can ask for the command line, after
/// the code's huge-page hint (HugeText.c, 101), so that not even this one faults the code in small pages first.
__attribute__((constructor(102))) static void tb_keep_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    if (argc > 0 && argv != NULL) {
        tb_argc = argc;
        tb_argv = argv;
    }
}

/// The standard library's question for `CommandLine.arguments`: the process's argv and its count.
///
/// On Linux the Swift runtime answers it itself (its CommandLine.cpp) with a constructor that every start runs: it
/// reads /proc/self/maps line by line with `fgets` and `sscanf` to find the stack, then walks back from `environ`.
/// That is 110,000 instructions and the kernel writing out the process's maps, a quarter of `typebar
/// --version`. In the release build, which links the runtime statically, this definition comes first, so the
/// linker never takes the runtime's object from its archive and its constructor never runs. Where the runtime is a
/// shared library (debug builds and tests) its own hidden definition stays in use, and this one is only called by
/// the tests that hold it to `CommandLine.arguments`. Should a toolchain rename the symbol, the runtime's own way
/// comes back: slower, never wrong. The Swift calling convention, as the standard library declares it.
__attribute__((swiftcall)) char **_swift_stdlib_getUnsafeArgvArgc(int *count) {
    if (tb_argv == NULL) {
        *count = 0;
        return tb_no_arguments;
    }
    *count = tb_argc;
    return tb_argv;
}

char **tb_process_arguments(int *count) {
    return _swift_stdlib_getUnsafeArgvArgc(count);
}
