// expect: heap-buffer-overflow (asan)
// A wrong expectation: this program is correct, so ASan must miss it and
// the suite must fail.
int main(void) { return 0; }
