// BAD INPUT: does not compile; `safelab check` must say "build failed", not
// "clean".
int main() { return undeclared_name; }
