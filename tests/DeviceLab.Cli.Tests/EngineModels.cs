namespace DeviceLab.Cli.Tests;

/// <summary>A tiny synthetic model and its Q4_0 variant, made with the CLI itself, for the engine commands' tests.</summary>
public sealed class EngineModels : IDisposable
{
    private readonly TempFolder _folder = new();

    public EngineModels()
    {
        F32 = _folder.File("tiny.gguf");
        Check(CliRun.Invoke("models", "synth", "--shape", "tiny", "--seed", "5", "--out", F32));
        Q4_0 = _folder.File("tiny-q4_0.gguf");
        Check(CliRun.Invoke("models", "quantize", F32, Q4_0, "--type", "q4_0", "--quiet"));
        Text = _folder.File("text.txt");
        System.IO.File.WriteAllText(Text, string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog. ", 20)));
    }

    public string F32 { get; }
    public string Q4_0 { get; }
    public string Text { get; }

    public string File(string name) => _folder.File(name);

    private static void Check(CliRun run)
    {
        if (run.ExitCode != 0) throw new InvalidOperationException($"fixture command failed: {run.Error}");
    }

    public void Dispose() => _folder.Dispose();
}
