using DeviceLab.Engine.Bench;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests.Bench;

[Collection(TinyModelCollection.Name)]
public sealed class BenchSessionTests(TinyModels models)
{
    [Fact]
    public void A_repetition_reports_prefill_every_decode_step_and_peak_memory()
    {
        using var session = BenchSession.Load(models.Q4_0, new BenchSessionOptions { ContextLength = 64, Threads = 2 });
        var observer = new RecordingObserver();
        var repetition = session.Run(promptTokens: 20, generatedTokens: 12, observer);

        Assert.Equal(12, repetition.DecodeTokenMs.Length);
        Assert.All(repetition.DecodeTokenMs, ms => Assert.True(ms > 0));
        Assert.True(repetition.PrefillMs > 0 && repetition.TimeToFirstTokenMs >= repetition.PrefillMs);
        Assert.Equal(20 / (repetition.PrefillMs / 1000), repetition.PrefillTokensPerSecond, 6);
        Assert.True(repetition.DecodeTokensPerSecond > 0);
        if (OperatingSystem.IsLinux()) Assert.True(repetition.PeakRssBytes > 10 << 20);
        Assert.Equal(["Prefill+", "Prefill-", "Decode+", .. Enumerable.Range(0, 12).Select(i => $"token {i}"), "Decode-"], observer.Events);
    }

    [Fact]
    public void The_session_describes_the_model_and_how_it_runs()
    {
        using var session = BenchSession.Load(models.Q8_0, new BenchSessionOptions { ContextLength = 48, KvCacheType = KvCacheType.F32, PrefillChunkTokens = 16 });
        using var file = GgufFile.Open(models.Q8_0);
        Assert.Equal("llama", session.Model.Architecture);
        Assert.Equal(GgmlType.Q8_0, session.Model.MatrixType);
        Assert.Equal("q8_0", session.Model.FileType);
        Assert.Equal(new FileInfo(models.Q8_0).Length, session.Model.FileBytes);
        Assert.Equal(file.Tensors.Sum(t => t.ElementCount), session.Model.ParameterCount);
        Assert.Equal(512, session.Model.VocabSize);
        Assert.Equal(48, session.Kernels.ContextLength);
        Assert.Equal(16, session.Kernels.PrefillChunkTokens);
        Assert.Equal(KvCacheType.F32, session.Kernels.KvCacheType);
        Assert.Equal(1, session.Kernels.Threads);
        Assert.Equal(session.Kernels.Choice.Description, session.Kernels.Path);
        Assert.Equal(2L * 2 * 48 * 32 * 4, session.Kernels.Memory.KvCacheBytes);
    }

    [Fact]
    public void The_prompt_depends_only_on_the_seed()
    {
        using var a = BenchSession.Load(models.F16, new BenchSessionOptions { ContextLength = 32, Seed = 5 });
        using var b = BenchSession.Load(models.F32, new BenchSessionOptions { ContextLength = 32, Seed = 5 });
        using var c = BenchSession.Load(models.F16, new BenchSessionOptions { ContextLength = 32, Seed = 6 });
        Assert.Equal(a.PromptTokens(16), b.PromptTokens(16));
        Assert.NotEqual(a.PromptTokens(16), c.PromptTokens(16));
        Assert.All(a.PromptTokens(16), t => Assert.InRange(t, 0, 511));
    }

    [Fact]
    public void A_repetition_longer_than_the_context_is_refused_before_it_starts()
    {
        using var session = BenchSession.Load(models.F32, new BenchSessionOptions { ContextLength = 32 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => session.Run(30, 5));
        Assert.Contains("exceed the 32-token context", error.Message);
        session.Run(27, 5);
    }

    [Fact]
    public void Cancellation_stops_a_repetition_between_decode_steps()
    {
        using var session = BenchSession.Load(models.F32, new BenchSessionOptions { ContextLength = 64 });
        using var cancel = new CancellationTokenSource();
        var observer = new RecordingObserver(onToken: index => { if (index == 2) cancel.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => session.Run(8, 30, observer, cancel.Token));
        Assert.Equal(3, observer.Events.Count(e => e.StartsWith("token", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_a_clear_error()
    {
        using var folder = new TempFolder();
        var path = folder.File("not-a-model.gguf");
        File.WriteAllText(path, "definitely not gguf");
        var error = Assert.Throws<GgufFormatException>(() => BenchSession.Load(path, new BenchSessionOptions()));
        Assert.Contains("GGUF", error.Message);
    }

    private sealed class RecordingObserver(Action<int>? onToken = null) : IBenchObserver
    {
        public List<string> Events { get; } = [];

        public void OnPhase(BenchPhase phase, bool started) => Events.Add($"{phase}{(started ? "+" : "-")}");

        public void OnToken(int index, int tokenId, double latencyMs)
        {
            Events.Add($"token {index}");
            onToken?.Invoke(index);
        }
    }
}
