using System.Buffers.Binary;
using System.Text;
using DeviceLab.Engine.Tokenizers;

namespace DeviceLab.Engine.Import;

/// <summary>
/// llama2.c's tokenizer.bin: int32 max token length, then per token float32 score, int32 length and
/// the UTF-8 bytes. Pieces are stored with spaces instead of "▁" and BOS/EOS as "\n&lt;s&gt;\n" /
/// "\n&lt;/s&gt;\n"; reading turns them back into a SentencePiece vocabulary.
/// </summary>
public static class Llama2cTokenizerFile
{
    /// <exception cref="InvalidDataException">Truncated or inconsistent file; the message names the token.</exception>
    public static LlamaVocabulary Read(string path, int vocabSize)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 4) throw new InvalidDataException($"llama2.c tokenizer {path} is truncated: {bytes.Length} bytes");
        var maxLength = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (maxLength <= 0 || maxLength > 1 << 16)
            throw new InvalidDataException($"llama2.c tokenizer {path}: max token length {maxLength} is absurd");
        var tokens = new string[vocabSize];
        var scores = new float[vocabSize];
        var types = new int[vocabSize];
        var position = 4;
        for (var i = 0; i < vocabSize; i++)
        {
            if (bytes.Length - position < 8)
                throw new InvalidDataException($"llama2.c tokenizer {path} is truncated at token {i} of {vocabSize} (the checkpoint's vocab size)");
            scores[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(position));
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 4));
            position += 8;
            if (length < 0 || length > maxLength || length > bytes.Length - position)
                throw new InvalidDataException($"llama2.c tokenizer {path}: token {i} has length {length} (max {maxLength}, {bytes.Length - position} bytes left)");
            var piece = Encoding.UTF8.GetString(bytes, position, length);
            position += length;
            (tokens[i], types[i]) = Convert(i, piece);
        }
        if (position != bytes.Length)
            throw new InvalidDataException($"llama2.c tokenizer {path} has {bytes.Length - position} bytes after {vocabSize} tokens; it belongs to a model with a larger vocabulary");
        return new LlamaVocabulary(tokens, scores, types);
    }

    private static (string Token, int Type) Convert(int id, string piece)
    {
        if (id == 0 && piece == "<unk>") return (piece, (int)TokenType.Unknown);
        if (piece == "\n<s>\n") return ("<s>", (int)TokenType.Control);
        if (piece == "\n</s>\n") return ("</s>", (int)TokenType.Control);
        if (piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>') return (piece, (int)TokenType.Byte);
        return (piece.Replace(' ', '▁'), (int)TokenType.Normal);
    }
}
