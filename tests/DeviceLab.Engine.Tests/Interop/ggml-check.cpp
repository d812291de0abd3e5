// Independent check of DeviceLab's GGUF files with ggml's own gguf reader and reference quantizers.
// usage: gguf_check FILE                 -> parse with gguf_init_from_file, print summary
//        gguf_check F32FILE QFILE        -> every Q8_0/Q4_0 tensor of QFILE must equal ggml_quantize_chunk of F32FILE's tensor
#include "ggml.h"
#include "gguf.h"
#include <cstdio>
#include <cstring>
#include <vector>
#include <string>

static std::vector<char> read_tensor(const char* path, gguf_context* ctx, int64_t id, size_t bytes) {
    FILE* f = fopen(path, "rb");
    std::vector<char> buf(bytes);
    fseek(f, (long)(gguf_get_data_offset(ctx) + gguf_get_tensor_offset(ctx, id)), SEEK_SET);
    size_t n = fread(buf.data(), 1, bytes, f);
    fclose(f);
    if (n != bytes) { fprintf(stderr, "short read\n"); exit(2); }
    return buf;
}

int main(int argc, char** argv) {
    ggml_context* meta = nullptr;
    gguf_init_params p = { /*no_alloc*/ true, &meta };
    gguf_context* a = gguf_init_from_file(argv[1], p);
    if (!a) { printf("%s: ggml REJECTED the file\n", argv[1]); return 1; }
    printf("%s: ggml accepts: version %u, %lld kv, %lld tensors, alignment %zu, data offset %zu\n", argv[1],
        gguf_get_version(a), (long long)gguf_get_n_kv(a), (long long)gguf_get_n_tensors(a), gguf_get_alignment(a), gguf_get_data_offset(a));
    int64_t k = gguf_find_key(a, "tokenizer.ggml.tokens");
    if (k >= 0) printf("  tokens: %zu, arch: %s\n", gguf_get_arr_n(a, k), gguf_get_val_str(a, gguf_find_key(a, "general.architecture")));
    if (argc < 3) return 0;

    ggml_context* meta2 = nullptr;
    gguf_init_params p2 = { true, &meta2 };
    gguf_context* q = gguf_init_from_file(argv[2], p2);
    if (!q) { printf("%s: ggml REJECTED the file\n", argv[2]); return 1; }
    int checked = 0, mismatched = 0;
    for (int64_t i = 0; i < gguf_get_n_tensors(q); i++) {
        const char* name = gguf_get_tensor_name(q, i);
        ggml_type type = gguf_get_tensor_type(q, i);
        if (type != GGML_TYPE_Q8_0 && type != GGML_TYPE_Q4_0 && type != GGML_TYPE_F16) continue;
        int64_t j = gguf_find_tensor(a, name);
        ggml_tensor* t = ggml_get_tensor(meta, name);
        if (gguf_get_tensor_type(a, j) != GGML_TYPE_F32) { printf("source %s is not f32\n", name); return 1; }
        int64_t n_per_row = t->ne[0], nrows = ggml_nelements(t) / n_per_row;
        auto src = read_tensor(argv[1], a, j, gguf_get_tensor_size(a, j));
        std::vector<char> expect(ggml_row_size(type, n_per_row) * nrows);
        ggml_quantize_chunk(type, (const float*)src.data(), expect.data(), 0, nrows, n_per_row, nullptr);
        auto got = read_tensor(argv[2], q, i, gguf_get_tensor_size(q, i));
        checked++;
        if (got.size() != expect.size() || memcmp(got.data(), expect.data(), got.size()) != 0) {
            mismatched++;
            size_t d = 0; while (d < got.size() && got[d] == expect[d]) d++;
            printf("  MISMATCH %s (%s) first differing byte %zu\n", name, ggml_type_name(type), d);
        }
    }
    printf("%s: %d quantized tensors compared with ggml_quantize_chunk, %d mismatched\n", argv[2], checked, mismatched);
    return mismatched ? 1 : 0;
}
