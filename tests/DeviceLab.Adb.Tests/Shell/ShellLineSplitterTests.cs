using System.Text;
using DeviceLab.Adb.Shell;

namespace DeviceLab.Adb.Tests.Shell;

public sealed class ShellLineSplitterTests
{
    private const string Text = "{\"event\":\"token\",\"ms\":12.5}\r\nzweite Zeile: größer ✓\n\nlast without newline";
    private static readonly string[] Expected = ["{\"event\":\"token\",\"ms\":12.5}", "zweite Zeile: größer ✓", "", "last without newline"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public async Task Lines_come_out_whole_however_the_bytes_are_split(int pieceBytes)
    {
        var lines = new List<string>();
        var splitter = new ShellLineSplitter((line, _) => { lines.Add(line); return ValueTask.CompletedTask; });
        var bytes = Encoding.UTF8.GetBytes(Text);

        for (var at = 0; at < bytes.Length; at += pieceBytes)
        {
            await splitter.WriteAsync(bytes.AsMemory(at, Math.Min(pieceBytes, bytes.Length - at)), CancellationToken.None);
        }
        await splitter.CompleteAsync();

        Assert.Equal(Expected, lines);
    }

    [Fact]
    public async Task Complete_adds_nothing_after_a_final_newline()
    {
        var lines = new List<string>();
        var splitter = new ShellLineSplitter((line, _) => { lines.Add(line); return ValueTask.CompletedTask; });

        await splitter.WriteAsync("a\nb\n"u8.ToArray(), CancellationToken.None);
        await splitter.CompleteAsync();

        Assert.Equal(["a", "b"], lines);
    }
}
