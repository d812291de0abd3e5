import { gguf } from "@huggingface/gguf";
import { statSync } from "node:fs";
for (const file of process.argv.slice(2)) {
  const { metadata, tensorInfos, tensorDataOffset } = await gguf(file, { allowLocalFile: true, computeParametersCount: true });
  const size = statSync(file).size;
  // Every tensor's data must be inside the file, aligned, in order.
  let previousEnd = 0n, ok = true;
  const align = BigInt(metadata["general.alignment"] ?? 32);
  for (const t of tensorInfos) {
    if (t.offset % align !== 0n || t.offset < previousEnd) ok = false;
    previousEnd = t.offset;
  }
  console.log(JSON.stringify({
    file, version: metadata.version, arch: metadata["general.architecture"], file_type: metadata["general.file_type"],
    tensors: tensorInfos.length, kv: Number(metadata.kv_count), dataOffset: Number(tensorDataOffset), fileBytes: size,
    vocab: metadata["tokenizer.ggml.tokens"]?.length, first: tensorInfos[0]?.name, firstShape: tensorInfos[0]?.shape.map(Number),
    firstType: tensorInfos[0]?.dtype, lastOffset: Number(tensorInfos.at(-1).offset), orderedAligned: ok,
    eps: metadata["llama.attention.layer_norm_rms_epsilon"], q: metadata["general.quantization_version"],
  }));
}
