// Must not compile: gc::Ref only holds gc::Object-derived types (the
// collector needs their header and traverse()).
#include "safelab/mem/gc.h"

struct Plain {
  int value;
};

void ref_non_object() {
  safelab::mem::gc::Ref<Plain> ref;  // <-- Plain is not a gc::Object
}
