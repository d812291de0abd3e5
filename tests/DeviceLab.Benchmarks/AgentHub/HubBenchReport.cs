using System.Text.Json;

namespace DeviceLab.Benchmarks.AgentHub;

/// <summary>The agent-hub bench's verdicts and figures: ack latencies, exactly-once storage, what the server decided.</summary>
internal static class HubBenchReport
{
    public static string AckLine(string phase, IReadOnlyList<AckTiming> acks)
    {
        var ms = acks.Where(a => a.Phase == phase).Select(a => a.Ms).Order().ToArray();
        if (ms.Length == 0) return $"{phase}: no PublishEvents calls";
        var lines = acks.Where(a => a.Phase == phase).Average(a => a.Lines);
        return $"{phase}: {ms.Length:N0} PublishEvents calls of {lines:0.0} lines on average; send → ack p50 {P(ms, 0.5):0.0} ms, p95 {P(ms, 0.95):0.0} ms, max {ms[^1]:0.0} ms";
    }

    /// <summary>Every attempt holds exactly the samples and tokens its agent sent (count and value sum) and every event through the last.</summary>
    public static bool ExactlyOnce(IReadOnlyList<SimulatedAgent> fleet, IReadOnlyDictionary<string, StoredEvents> final)
    {
        var wrong = new List<string>();
        foreach (var agent in fleet)
        {
            var sent = new StoredEvents(agent.Script.Samples, agent.Script.SampleValueSum, agent.Script.Tokens, agent.LastSeq);
            var stored = final.GetValueOrDefault(agent.Job.JobId);
            if (stored != sent) wrong.Add($"job {agent.Job.JobId}: sent {sent}, PostgreSQL holds {stored?.ToString() ?? "nothing"}");
        }
        var samples = fleet.Sum(a => a.Script.Samples);
        Console.WriteLine(wrong.Count == 0
            ? $"exactly once: all {fleet.Count} attempts hold every sent sample ({samples:N0}), token ({fleet.Sum(a => a.Script.Tokens):N0}) and event " +
              $"({fleet.Sum(a => a.LastSeq):N0}) once (counts and value sums match; re-sent batches dropped)"
            : $"exactly once: FAILED for {wrong.Count} of {fleet.Count} attempts:\n  {string.Join("\n  ", wrong)}");
        return wrong.Count == 0;
    }

    /// <summary>Prints what the server decided for the run and each attempt; true when everything succeeded.</summary>
    public static bool RunOutcome(JsonElement run)
    {
        var attempts = run.GetProperty("jobs").EnumerateArray().SelectMany(j => j.GetProperty("attempts").EnumerateArray()).ToList();
        var byOutcome = attempts
            .GroupBy(a => a.GetProperty("status").GetString() + (a.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.String ? $" ({code.GetString()})" : ""))
            .Select(g => $"{g.Count()} {g.Key}");
        var status = run.GetProperty("status").GetString();
        Console.WriteLine($"run {run.GetProperty("id").GetInt64()}: {status}; {attempts.Count} attempts: {string.Join(", ", byOutcome)}");
        foreach (var failed in attempts.Where(a => a.GetProperty("status").GetString() != "succeeded").Take(3))
            Console.WriteLine($"  {failed}");
        return status == "succeeded" && attempts.All(a => a.GetProperty("status").GetString() == "succeeded");
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

    private static double P(double[] sorted, double fraction) => Core.Statistics.SampleSummary.Percentile(sorted, fraction);
}
