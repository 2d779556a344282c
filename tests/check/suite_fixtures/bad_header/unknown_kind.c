// expect: a kind no tool reports
int main(void) { return 0; }
