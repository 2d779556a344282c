// CLEAN when built as the test asks: C99 (--std c99), -DSAFELAB_FLAG_OK via
// --cflags, optimised (-O 2), and linked with zlib (-l z) and a symbol
// defined on the link line (--ldflags). Each missing flag breaks the build.
#if !defined(SAFELAB_FLAG_OK)
#error "--cflags did not reach the compiler"
#endif
#if __STDC_VERSION__ != 199901L
#error "--std c99 did not reach the compiler"
#endif
#if !defined(__OPTIMIZE__)
#error "-O 2 did not reach the compiler"
#endif

extern const char* zlibVersion(void);  // from -l z
extern char safelab_linked[];          // from --ldflags -Wl,--defsym=...

int main(void) { return zlibVersion()[0] != '\0' && safelab_linked != 0 ? 0 : 1; }
