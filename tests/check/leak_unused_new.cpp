// expect: detected memory leaks (lsan); definitely lost (memcheck)
// BAD: a `new int` whose pointer is never used. At -O1 Clang removes the
// allocation (new/delete elision) and LSan finds no leak; at -O0 it reports
// "detected memory leaks".
int main() {
  int* p = new int(42);
  (void)p;
  return 0;
}
