// expect: clean
// CLEAN twin of leak_unused_new.cpp: the int is deleted.
int main() {
  int* p = new int(42);
  const int v = *p;
  delete p;
  return v == 42 ? 0 : 1;
}
