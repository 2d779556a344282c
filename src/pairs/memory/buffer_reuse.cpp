// Topic `buffer_reuse`, four ways. The sink is the same in spirit in all of
// them: it checksums the bytes and then the buffer is done with.
//
//   python               gc::Ref<Buffer>: the sink keeps the last few
//                        buffers for retransmission, the sender keeps its
//                        own reference to log the header; the buffer is freed
//                        when the last reference goes, whoever holds it.
//   rust                 std::unique_ptr<Buffer> moved into the sink:
//                        `send(std::move(buffer))`. After the move the sender
//                        holds null, so neither a later read nor a second
//                        free can touch the old buffer; it reads the header
//                        *before* giving the buffer away (in Rust the
//                        compiler enforces that order: "borrow of moved value").
//   unsafe               a raw new[]'d buffer; the sink delete[]s it, then
//                        the sender reads its header: heap-use-after-free
//                        in buffer_reuse_unsafe.
//   unsafe-double-free   same hand-over, then the sender's cleanup path
//                        delete[]s the buffer again: double-free in
//                        buffer_reuse_unsafe_double_free.
#include "buffer_reuse.h"

#include <deque>
#include <memory>
#include <random>

#include "safelab/mem/gc.h"

namespace safelab::pairs {
namespace {

std::uint64_t checksum_bytes(const std::uint8_t* data, std::size_t size) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < size; ++i) sum = sum * 31 + data[i];
  return sum;
}

// The raw sink: checksums the buffer and frees it. The caller's pointer
// dangles from here on.
[[gnu::noinline]] std::uint64_t send_raw(std::uint8_t* data, std::size_t size) {
  const std::uint64_t sum = checksum_bytes(data, size);
  delete[] data;
  return sum;
}

std::uint8_t* copy_to_new_buffer(const std::string& message) {
  auto* data = new std::uint8_t[message.size()];
  for (std::size_t i = 0; i < message.size(); ++i) data[i] = static_cast<std::uint8_t>(message[i]);
  return data;
}

}  // namespace

BufferReuseInput BufferReuse::make_input(const catalog::Params& p) {
  std::mt19937 gen(static_cast<std::uint32_t>(p.seed));
  BufferReuseInput in;
  in.messages.resize(static_cast<std::size_t>(p.size));
  for (std::string& m : in.messages) {
    m.resize(1 + gen() % 256);
    for (char& c : m) c = static_cast<char>(gen() % 256);
  }
  return in;
}

BufferReuseOutput BufferReuse::reference(const BufferReuseInput& in) {
  BufferReuseOutput out;
  for (const std::string& m : in.messages) {
    ++out.messages;
    out.header_sum += static_cast<std::uint8_t>(m[0]);
    std::uint64_t sum = 0;
    for (const char c : m) sum = sum * 31 + static_cast<std::uint8_t>(c);
    out.checksum += sum;
  }
  return out;
}

std::string BufferReuse::show(const BufferReuseOutput& out) {
  return "messages=" + std::to_string(out.messages) +
         " header_sum=" + std::to_string(out.header_sum) +
         " checksum=" + std::to_string(out.checksum);
}

// python: reference counting keeps the buffer alive for every holder.
namespace {
struct PyBuffer : mem::gc::Object {
  explicit PyBuffer(const std::string& message) : bytes(message.begin(), message.end()) {}
  std::vector<std::uint8_t> bytes;
};
}  // namespace

BufferReuseOutput buffer_reuse_python(const BufferReuseInput& in) {
  mem::gc::Heap heap;
  std::deque<mem::gc::Ref<PyBuffer>> retransmit;  // the sink's reference to recent buffers
  BufferReuseOutput out;
  for (const std::string& message : in.messages) {
    mem::gc::Ref<PyBuffer> buffer = heap.make<PyBuffer>(message);
    out.checksum += checksum_bytes(buffer->bytes.data(), buffer->bytes.size());
    retransmit.push_back(buffer);  // the sink holds one reference...
    if (retransmit.size() > 4) retransmit.pop_front();
    out.header_sum += buffer->bytes[0];  // ...and the sender still holds its own
    ++out.messages;
  }  // each buffer is freed when its last holder lets go
  return out;
}

// rust: the sink takes ownership; the move is visible at the call.
namespace {
struct OwnedBuffer {
  std::vector<std::uint8_t> bytes;
};

std::uint64_t send_owned(std::unique_ptr<OwnedBuffer> buffer) {
  return checksum_bytes(buffer->bytes.data(), buffer->bytes.size());
}  // freed here, exactly once, by its only owner
}  // namespace

BufferReuseOutput buffer_reuse_rust(const BufferReuseInput& in) {
  BufferReuseOutput out;
  for (const std::string& message : in.messages) {
    auto buffer = std::make_unique<OwnedBuffer>(
        OwnedBuffer{std::vector<std::uint8_t>(message.begin(), message.end())});
    out.header_sum += buffer->bytes[0];             // read while we own it
    out.checksum += send_owned(std::move(buffer));  // ownership moves to the sink
    // `buffer` is null now: no read of, and no second free of, the old one.
    ++out.messages;
  }
  return out;
}

// unsafe: read after the sink freed it. BROKEN ON PURPOSE.
[[gnu::noinline]] BufferReuseOutput buffer_reuse_unsafe(const BufferReuseInput& in) {
  BufferReuseOutput out;
  for (const std::string& message : in.messages) {
    std::uint8_t* data = copy_to_new_buffer(message);
    out.checksum += send_raw(data, message.size());  // frees `data`
    out.header_sum += data[0];                       // <-- use after free
    ++out.messages;
  }
  return out;
}

// unsafe-double-free: free again after the sink freed it. BROKEN ON PURPOSE.
[[gnu::noinline]] BufferReuseOutput buffer_reuse_unsafe_double_free(const BufferReuseInput& in) {
  BufferReuseOutput out;
  for (const std::string& message : in.messages) {
    std::uint8_t* data = copy_to_new_buffer(message);
    out.header_sum += data[0];
    out.checksum += send_raw(data, message.size());  // frees `data`
    ++out.messages;
    delete[] data;  // <-- double free: "cleanup" of a buffer the sink already freed
  }
  return out;
}

using namespace catalog;
SAFELAB_VARIANT(BufferReuse, "python", Style::python, clean(),
                "refcounted buffers: alive while the sink or the sender holds one",
                buffer_reuse_python);
SAFELAB_VARIANT(BufferReuse, "rust", Style::rust, clean(),
                "unique_ptr moved into the sink: the sender cannot touch it after",
                buffer_reuse_rust);
SAFELAB_VARIANT(BufferReuse, "unsafe", Style::unsafe,
                reported(Tool::asan, "heap-use-after-free", "buffer_reuse_unsafe"),
                "reads the header after the sink freed the buffer", buffer_reuse_unsafe);
SAFELAB_VARIANT(BufferReuse, "unsafe-double-free", Style::unsafe,
                reported(Tool::asan, "double-free", "buffer_reuse_unsafe_double_free"),
                "frees the buffer again after the sink freed it", buffer_reuse_unsafe_double_free);

}  // namespace safelab::pairs
