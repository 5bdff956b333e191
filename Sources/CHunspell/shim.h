// Hunspell's C interface, from Debian's libhunspell-dev: what free-written replies are spell-checked with.
#include <hunspell/hunspell.h>
