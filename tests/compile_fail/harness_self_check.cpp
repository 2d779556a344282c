// Must not compile: a string literal is not an int. Proves the compile-fail
// harness reports the compiler's refusal and its text.
int harness_self_check() {
  int n = "forty-two";  // g++: invalid conversion; clang: cannot initialize
  return n;
}
