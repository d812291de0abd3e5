using System.Diagnostics;
using DeviceLab.VirtualDevice.Properties;
using DeviceLab.VirtualDevice.Tests.AdbCli;

namespace DeviceLab.VirtualDevice.Tests.Properties;

public sealed class GetpropToolTests : IDisposable
{
    private readonly TestFolder _state = new("getprop");
    private readonly string _bin;

    public GetpropToolTests()
    {
        _bin = GetpropTool.Install(_state.Path, new Dictionary<string, string>
        {
            ["ro.product.model"] = "Virtual Device",
            ["a.b"] = "x=y [z]",
            ["a.bc"] = "other",
        });
    }

    [Fact]
    public void Without_arguments_it_lists_every_property_sorted() =>
        Assert.Equal("[a.b]: [x=y [z]]\n[a.bc]: [other]\n[ro.product.model]: [Virtual Device]\n", Run());

    [Fact]
    public void With_a_key_it_prints_the_value_exactly()
    {
        Assert.Equal("Virtual Device\n", Run("ro.product.model"));
        Assert.Equal("x=y [z]\n", Run("a.b"));
    }

    [Fact]
    public void A_missing_key_prints_the_default_or_an_empty_line()
    {
        Assert.Equal("\n", Run("no.such.key"));
        Assert.Equal("fallback\n", Run("no.such.key", "fallback"));
        Assert.Equal("\n", Run("a.*")); // a pattern is a literal key, not a glob
    }

    private string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(_bin, "getprop"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    public void Dispose() => _state.Dispose();
}
