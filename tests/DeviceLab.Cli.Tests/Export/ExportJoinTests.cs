using System.Text.Json;
using DeviceLab.Cli.Export;

namespace DeviceLab.Cli.Tests.Export;

/// <summary>Exports of several runs (<c>export --suite S --last N</c>) are one file: one CSV header, one JSON array.</summary>
public sealed class ExportJoinTests
{
    [Fact]
    public void Csv_files_keep_the_first_header_and_every_line()
    {
        var joined = ExportCommand.JoinCsv(["id,value\r\n1,0.5\r\n2,0.25\r\n", "id,value\r\n3,\"a,b\"\r\n"]);

        Assert.Equal("id,value\r\n1,0.5\r\n2,0.25\r\n3,\"a,b\"\r\n", joined);
    }

    [Fact]
    public void Json_arrays_become_one_array_in_order()
    {
        var joined = ExportCommand.JoinJsonArrays(["[{\"n_gen\":0,\"avg_ts\":1.5},{\"n_gen\":16,\"avg_ts\":2}]", "[{\"n_gen\":16,\"avg_ts\":3}]"]);

        var items = JsonDocument.Parse(joined).RootElement.EnumerateArray().Select(e => e.GetProperty("avg_ts").GetDouble()).ToList();
        Assert.Equal([1.5, 2, 3], items);
    }

    [Fact]
    public void One_run_is_passed_through_untouched()
    {
        Assert.Equal("a,b\n1,2", ExportCommand.JoinCsv(["a,b\n1,2"]));
        Assert.Equal("[ ]", ExportCommand.JoinJsonArrays(["[ ]"]));
    }

    [Fact]
    public void Export_needs_a_run_or_a_suite_but_not_both()
    {
        var neither = CliRun.Invoke("export", "--server", "http://127.0.0.1:9", "--api-key", "k");
        var both = CliRun.Invoke("export", "4", "--suite", "nightly", "--server", "http://127.0.0.1:9", "--api-key", "k");
        var badFormat = CliRun.Invoke("export", "4", "--format", "xml");

        Assert.Equal((1, "error: Say what to export: a run id (devicelab export 42) or --suite NAME."), (neither.ExitCode, neither.ErrorLine));
        Assert.Equal((1, "error: Give a run or --suite, not both."), (both.ExitCode, both.ErrorLine));
        Assert.Equal(1, badFormat.ExitCode);
        Assert.Contains("xml", badFormat.Error);
    }
}
