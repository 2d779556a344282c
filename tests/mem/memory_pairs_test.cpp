// Tests that every safe variant of every memory topic gives the reference
// answer, on several sizes and seeds including the degenerate ones. The
// unsafe variants are never called here: they only run in safelab-example
// under the verdict runner.
#include <gtest/gtest.h>

#include <string>

#include "catalog.h"
#include "memory/buffer_reuse.h"
#include "memory/object_graph.h"
#include "memory/token_view.h"
#include "memory/uninit_read.h"
#include "memory/vector_iterate.h"

namespace {

using namespace safelab::pairs;
using safelab::catalog::Params;

// Runs `variant` on the topic's input for each (size, seed) and compares
// its printed answer with the reference's.
template <class Topic, auto Variant>
void ExpectMatchesReference(std::initializer_list<std::int64_t> sizes) {
  for (const std::int64_t size : sizes) {
    for (const std::uint64_t seed : {1u, 7u}) {
      const auto input = Topic::make_input(Params{.threads = 1, .size = size, .seed = seed});
      EXPECT_EQ(Topic::show(Variant(input)), Topic::show(Topic::reference(input)))
          << Topic::name << " size=" << size << " seed=" << seed;
    }
  }
}

// Tests that every safe object_graph variant computes the checksum and
// leaves no node alive after the drop.
TEST(MemoryPairsTest, ObjectGraphSafeVariantsAgree) {
  const std::initializer_list<std::int64_t> sizes = {0, 1, 2, 1000, 30'000};
  ExpectMatchesReference<ObjectGraph, object_graph_python>(sizes);
  ExpectMatchesReference<ObjectGraph, object_graph_rust>(sizes);
  ExpectMatchesReference<ObjectGraph, object_graph_rust_box>(sizes);
  ExpectMatchesReference<ObjectGraph, object_graph_rust_rc>(sizes);
}

// Tests that the checksum actually depends on the back links: a chain has
// a known value.
TEST(MemoryPairsTest, ObjectGraphChecksumOfAChain) {
  ObjectGraphInput chain{{0, 0, 1, 2}, {5, 1, 1, 1}};  // depths 0,1,2,3
  EXPECT_EQ(object_graph_python(chain).checksum, 6u);
  EXPECT_EQ(object_graph_rust(chain).checksum, 6u);
  EXPECT_EQ(object_graph_rust_box(chain).checksum, 6u);
  EXPECT_EQ(object_graph_rust_rc(chain).checksum, 6u);
  EXPECT_EQ(ObjectGraph::reference(chain).checksum, 6u);
}

// Tests that both safe token_view variants agree with the character-loop
// reference, and the splitter handles edge spacing.
TEST(MemoryPairsTest, TokenViewSafeVariantsAgree) {
  const std::initializer_list<std::int64_t> sizes = {0, 1, 2, 500};
  ExpectMatchesReference<TokenView, token_view_python>(sizes);
  ExpectMatchesReference<TokenView, token_view_rust>(sizes);
  EXPECT_EQ(split_views("  a  bc ").size(), 2u);
  EXPECT_EQ(split_copies("Hello world")[1], "world");
  EXPECT_EQ(normalise("HeLLo"), "hello");
}

// Tests that both safe buffer_reuse variants agree with the reference.
TEST(MemoryPairsTest, BufferReuseSafeVariantsAgree) {
  const std::initializer_list<std::int64_t> sizes = {0, 1, 300};
  ExpectMatchesReference<BufferReuse, buffer_reuse_python>(sizes);
  ExpectMatchesReference<BufferReuse, buffer_reuse_rust>(sizes);
}

// Tests that every safe vector_iterate variant appends exactly one item
// per spawning original item.
TEST(MemoryPairsTest, VectorIterateSafeVariantsAgree) {
  const std::initializer_list<std::int64_t> sizes = {0, 1, 2, 5000};
  ExpectMatchesReference<VectorIterate, vector_iterate_python>(sizes);
  ExpectMatchesReference<VectorIterate, vector_iterate_python_checked>(sizes);
  ExpectMatchesReference<VectorIterate, vector_iterate_rust>(sizes);
  const VectorIterateInput in{{9, 4, 3}};
  EXPECT_EQ(VectorIterate::show(vector_iterate_rust(in)), "size=5 sum=20");
}

// Tests that both safe uninit_read variants count like the reference.
TEST(MemoryPairsTest, UninitReadSafeVariantsAgree) {
  const std::initializer_list<std::int64_t> sizes = {0, 1, 1000};
  ExpectMatchesReference<UninitRead, uninit_read_python>(sizes);
  ExpectMatchesReference<UninitRead, uninit_read_rust>(sizes);
}

// Tests that the catalog lists the memory topics with the expected verdicts.
TEST(MemoryPairsTest, CatalogRegistersEveryMemoryEntry) {
  using safelab::catalog::find;
  using safelab::catalog::Tool;
  for (const char* id :
       {"object_graph/python", "object_graph/rust", "object_graph/rust-box", "object_graph/rust-rc",
        "token_view/python", "token_view/rust", "buffer_reuse/python", "buffer_reuse/rust",
        "vector_iterate/python", "vector_iterate/python-checked", "vector_iterate/rust",
        "uninit_read/python", "uninit_read/rust"}) {
    const auto* entry = find(id);
    ASSERT_NE(entry, nullptr) << id;
    EXPECT_TRUE(entry->expectation.is_clean()) << id;
  }
  EXPECT_EQ(find("object_graph/unsafe")->expectation.tool, Tool::lsan);
  EXPECT_EQ(find("token_view/unsafe")->expectation.kind, "heap-use-after-free");
  EXPECT_EQ(find("buffer_reuse/unsafe-double-free")->expectation.kind, "double-free");
  EXPECT_EQ(find("vector_iterate/unsafe")->expectation.kind, "heap-use-after-free");
  EXPECT_EQ(find("uninit_read/unsafe")->expectation.tool, Tool::memcheck);
}

}  // namespace
