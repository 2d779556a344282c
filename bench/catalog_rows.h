// bench/catalog_rows.h
//
// Benchmarks that read the catalog register in main(), once every pair's
// registrar has run (catalog::entries() is complete only then): a file
// declares them with one static AfterCatalog object, catalog_rows.cpp's
// main() runs them before Google Benchmark parses its flags.
#ifndef SAFELAB_BENCH_CATALOG_ROWS_H_
#define SAFELAB_BENCH_CATALOG_ROWS_H_

namespace safelab::bench {

struct AfterCatalog {
  explicit AfterCatalog(void (*register_rows)());
};

}  // namespace safelab::bench

#endif  // SAFELAB_BENCH_CATALOG_ROWS_H_
