using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Core.Tests.AgentProtocol;

public sealed class AgentEventParserTests
{
    private static AgentEventParseError ErrorOf(string line, long lineNumber = 7)
    {
        var result = AgentEventParser.Parse(line, lineNumber);
        Assert.Null(result.Event);
        return Assert.IsType<AgentEventParseError>(result.Error);
    }

    [Theory]
    [InlineData("not json", "(line)", "is not JSON")]
    [InlineData("""{"type":"token","v":1""", "(line)", "is not JSON")]
    [InlineData("[1,2]", "(line)", "must be a JSON object")]
    [InlineData("""{"v":1,"seq":1,"t_ms":0}""", "type", "is missing")]
    [InlineData("""{"type":3,"v":1}""", "type", "must be a string")]
    [InlineData("""{"type":"token","seq":1,"t_ms":0}""", "v", "is missing")]
    [InlineData("""{"type":"token","v":"one"}""", "v", "must be an integer")]
    [InlineData("""{"type":"token","v":2,"seq":1,"t_ms":0}""", "v", "newer than this parser")]
    [InlineData("""{"type":"token","v":1,"seq":1,"t_ms":0,"variant":"a","repetition":0,"index":0}""", "ms", "is missing")]
    [InlineData("""{"type":"token","v":1,"seq":1,"t_ms":"soon","variant":"a","repetition":0,"index":0,"ms":1}""", "t_ms", "could not be converted")]
    [InlineData("""{"type":"token","v":1,"seq":0,"t_ms":0,"variant":"a","repetition":0,"index":0,"ms":1}""", "seq", "must be ≥ 1")]
    [InlineData("""{"type":"token","v":1,"seq":1,"t_ms":0,"variant":"a","repetition":0,"index":-1,"ms":1}""", "index", "must be ≥ 0")]
    [InlineData("""{"type":"sample","v":1,"seq":1,"t_ms":0,"metric":"m","unit":"mV","source":"radio","value":1}""", "source", "could not be converted")]
    [InlineData("""{"type":"sample","v":1,"seq":1,"t_ms":0,"metric":"m","unit":"mV","source":"sysfs"}""", "value", "is required")]
    [InlineData("""{"type":"hello","v":1,"seq":1,"t_ms":0,"agent_version":"1","engine_version":"1","mode":"adb","device":{"model":"x","manufacturer":"y","os_build":"z","abi":"a","cores":"many","is_virtual":false}}""", "device.cores", "could not be converted")]
    [InlineData("""{"type":"result","v":1,"seq":1,"t_ms":0}""", "scope", "is missing")]
    public void Malformed_lines_are_rejected_naming_line_and_field(string line, string field, string message)
    {
        var error = ErrorOf(line);

        Assert.Equal(7, error.LineNumber);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"line 7, field '{field}': ", error.ToString());
    }

    [Fact]
    public void Unknown_fields_from_a_newer_agent_are_ignored()
    {
        var line = """{"type":"token","v":1,"seq":3,"t_ms":1.5,"variant":"a","repetition":0,"index":2,"ms":4.5,"gpu_ms":1.0,"future":{"x":[1,2]}}""";

        var token = Assert.IsType<TokenEvent>(AgentEventParser.ParseEvent(line));

        Assert.Equal(4.5, token.Ms);
        Assert.Equal(3, token.Seq);
    }

    [Fact]
    public void Unknown_event_types_are_reported_not_thrown()
    {
        var result = AgentEventParser.Parse("""{"type":"gpu_trace","v":1,"seq":3,"t_ms":1}""", 4);

        Assert.Null(result.Error);
        Assert.Null(result.Event);
        Assert.Equal("gpu_trace", result.UnknownType);
        var thrown = Assert.Throws<AgentEventFormatException>(() => AgentEventParser.ParseEvent("""{"type":"gpu_trace","v":1}""", 4));
        Assert.Contains("gpu_trace", thrown.Message);
    }

    [Fact]
    public void ParseEvent_throws_a_format_exception_with_the_error()
    {
        var thrown = Assert.Throws<AgentEventFormatException>(() => AgentEventParser.ParseEvent("{}", 12));

        Assert.Equal(12, thrown.Error.LineNumber);
        Assert.Equal("type", thrown.Error.Field);
    }

    [Fact]
    public async Task Stream_reader_numbers_lines_and_keeps_going_after_a_bad_one()
    {
        var text = """
            {"type":"token","v":1,"seq":1,"t_ms":0,"variant":"a","repetition":0,"index":0,"ms":1}

            garbage
            {"type":"token","v":1,"seq":2,"t_ms":0,"variant":"a","repetition":0,"index":1,"ms":1}
            """;

        var results = new List<AgentEventParseResult>();
        await foreach (var r in AgentEventParser.ReadAllAsync(new StringReader(text))) results.Add(r);

        Assert.Equal([1L, 3L, 4L], results.Select(r => r.LineNumber));
        Assert.True(results[0].IsEvent);
        Assert.Equal("(line)", results[1].Error?.Field);
        Assert.True(results[2].IsEvent);
    }
}
