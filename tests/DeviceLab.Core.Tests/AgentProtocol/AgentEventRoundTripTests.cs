using System.Text.Json;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Core.Tests.AgentProtocol;

public sealed class AgentEventRoundTripTests
{
    public static TheoryData<int> EventIndexes() => [.. Enumerable.Range(0, AgentEventSamples.All().Count)];

    [Theory]
    [MemberData(nameof(EventIndexes))]
    public void Every_event_kind_survives_write_then_parse(int index)
    {
        var original = AgentEventSamples.All()[index];
        var line = AgentEventWriter.ToJson(original);

        var parsed = AgentEventParser.ParseEvent(line, 1);

        Assert.IsType(original.GetType(), parsed);
        Assert.Equal(line, AgentEventWriter.ToJson(parsed));
    }

    [Fact]
    public void Lines_start_with_type_version_seq_and_time_in_snake_case()
    {
        var line = AgentEventWriter.ToJson(AgentEventSamples.All()[4]);

        Assert.StartsWith("""{"type":"token","v":1,"seq":5,"t_ms":12,""", line);
        Assert.Contains("\"token_id\":912", line);
    }

    [Fact]
    public void Utf8_line_is_one_line_with_a_trailing_newline()
    {
        foreach (var e in AgentEventSamples.All())
        {
            var bytes = AgentEventWriter.ToUtf8Line(e);
            Assert.Equal((byte)'\n', bytes[^1]);
            Assert.DoesNotContain((byte)'\n', bytes[..^1]);
        }
    }

    [Fact]
    public void Result_summaries_keep_their_spread_on_the_wire()
    {
        var line = AgentEventWriter.ToJson(AgentEventSamples.All()[6]);
        using var doc = JsonDocument.Parse(line);
        var perToken = doc.RootElement.GetProperty("decode_ms_per_token");

        foreach (var name in new[] { "count", "mean", "std_dev", "min", "p10", "p50", "p90", "max" })
        {
            Assert.True(perToken.TryGetProperty(name, out _), name);
        }
        Assert.Equal("repetition", doc.RootElement.GetProperty("scope").GetString());
        Assert.Equal("power_integral", doc.RootElement.GetProperty("energy").GetProperty("prefill").GetProperty("method").GetString());
    }

    [Fact]
    public void Peak_memory_method_and_load_time_are_on_the_wire_and_optional_for_older_agents()
    {
        var line = AgentEventWriter.ToJson(AgentEventSamples.All()[6]);
        Assert.Contains("\"peak_rss_method\":\"hwm_reset\"", line);
        Assert.Contains("\"load_ms\":41.5", line);

        // A line from an agent that predates the fields still parses; the method is simply unknown.
        var older = AgentEventSamples.All()[6] is RepetitionResultEvent r ? r with { PeakRssMethod = null, LoadMs = null } : null;
        var olderLine = AgentEventWriter.ToJson(older!);
        Assert.DoesNotContain("peak_rss_method", olderLine);
        var parsed = Assert.IsType<RepetitionResultEvent>(AgentEventParser.ParseEvent(olderLine, 1));
        Assert.Null(parsed.PeakRssMethod);
        Assert.Null(parsed.LoadMs);
        Assert.Equal(190_000_000, parsed.PeakRssBytes);
    }

    [Fact]
    public async Task A_stream_reads_back_into_a_transcript_that_drops_re_sent_events()
    {
        var events = AgentEventSamples.All();
        var text = string.Join("\n", events.Select(AgentEventWriter.ToJson).Concat([AgentEventWriter.ToJson(events[3]), ""]));

        var transcript = await AgentEventTranscript.ReadAsync(new StringReader(text));

        Assert.Equal(1, transcript.Duplicates);
        Assert.Equal(events.Count, transcript.ContiguousThroughSeq);
        Assert.NotNull(transcript.Hello);
        Assert.Single(transcript.Tokens);
        Assert.Equal(2, transcript.Samples.Count);
        Assert.Single(transcript.RepetitionResults);
        Assert.Single(transcript.VariantResults);
        Assert.Empty(transcript.ParseErrors);
    }
}
