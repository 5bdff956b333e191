// The C++ standard streams, left unbuilt in the release build: see below.

/// Stands in for `std::ios_base::Init::Init()` in typebar's release build, whose linker sends every call of it here
/// (`--wrap`, scripts/release-build.sh). ICU's calendar sources, linked in through Foundation, include <iostream>,
/// so each start would build the eight standard C++ streams (std::cout, std::cin and the rest) and the classic
/// locale's facets before `main`: 49,000 instructions and about 14 page faults, for streams nothing in typebar
/// writes to or reads from (the release build checks that no code but `ios_base::Init` names them). The streams'
/// destructor at exit flushes them only when the constructor counted them built, so it does nothing either; a locale
/// or file stream that Hunspell or ICU makes still builds the classic locale when it first needs it.
void __wrap__ZNSt8ios_base4InitC1Ev(void *init) { (void)init; }
