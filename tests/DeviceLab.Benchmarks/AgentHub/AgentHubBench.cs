using System.Diagnostics;
using System.Globalization;
using DeviceLab.Core.Suites;

namespace DeviceLab.Benchmarks.AgentHub;

/// <summary>
/// Ingestion through the agent hub (<c>/hubs/agent</c>, docs/decisions/0140) end to end: a real server on a loopback port and
/// its own PostgreSQL database, N networked devices created through the API with their tokens, one run over all of them,
/// and N simulated agents (<see cref="SimulatedAgent"/>) that take the job the server assigns them and stream its events:
/// <list type="bullet">
/// <item>steady: for S seconds, 12 telemetry samples every 250 ms and 16 decoded tokens a second with their phase marks,
/// sent as the agent sends them (one call in flight, everything pending up to 500 lines);</item>
/// <item>burst: each connection drops, B events pile up in the agent's outbox, the agent reconnects, re-sends the batch
/// whose ack the drop lost, and sends its backlog in batches of 500;</item>
/// <item>finish: the rest of the benchmark, the variant's result and <c>CompleteJob</c>; the server decides the attempts.</item>
/// </list>
/// Reports what PostgreSQL holds (samples and events per second, every sample exactly once) and the send → ack latency
/// of <c>PublishEvents</c>. Options: <c>--agents N</c> (20), <c>--seconds S</c> (10), <c>--burst B</c> (10000),
/// <c>--workers K</c> (the node's Hangfire workers, <c>DeviceLab:LabHost:Workers</c>; default: the node's default or one per
/// agent plus 2, whichever is more — an attempt holds a worker while its agent streams, see <see cref="HubBenchLab"/>).
/// </summary>
internal static class AgentHubBench
{
    private const int PromptTokens = 32;
    private const int GeneratedTokens = 32;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan AssignPatience = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        int agents, seconds, burst, workers;
        try
        {
            agents = Option(args, "--agents", 20);
            seconds = Option(args, "--seconds", 10);
            burst = Option(args, "--burst", 10_000);
            workers = Option(args, "--workers", Math.Max(HubBenchLab.DefaultWorkers, agents + 2));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        if (agents < 1 || seconds < 1 || burst < 0 || workers < 1)
        {
            Console.Error.WriteLine($"agent-hub: --agents {agents}, --seconds {seconds}, --burst {burst}, --workers {workers}: " +
                "use at least 1 agent, 1 second, 0 burst events and 1 worker");
            return 2;
        }
        var loadBefore = HubBenchReport.LoadAverage();
        await using var lab = await HubBenchLab.StartAsync(workers);
        using var api = lab.CreateApi();
        Console.WriteLine($"agent-hub: {agents} simulated agents on {lab.BaseUrl}, {seconds} s steady, burst {burst:N0} events each, batches ≤ {SimulatedAgent.BatchLines} lines; " +
            $"Hangfire workers {workers} (DeviceLab:LabHost:Workers; default on this machine {HubBenchLab.DefaultWorkers}); load average {loadBefore}");

        var variantId = await api.UploadTinyModelAsync();
        var tokens = new List<string>();
        for (var i = 0; i < agents; i++) tokens.Add((await api.AddNetworkDeviceAsync($"hub-bench-{i:00}", HubBenchLab.LabHostName)).Token);
        var fleet = await Task.WhenAll(tokens.Select(token => SimulatedAgent.ConnectAsync(lab.BaseUrl, token)));
        try
        {
            var assignClock = Stopwatch.StartNew();
            var run = await api.CreateRunAsync(variantId, HubBenchLab.LabHostName, Parameters(seconds, burst));
            var taking = fleet.Select(a => a.TakeJobAsync(AssignPatience)).ToList();
            try
            {
                await Task.WhenAll(taking);
            }
            catch (TimeoutException)
            {
                // Each attempt holds a Hangfire worker until its agent completes: with fewer workers than agents the rest wait.
                Console.WriteLine($"only {taking.Count(t => t.IsCompletedSuccessfully)} of {agents} agents received AssignJob within {AssignPatience.TotalSeconds:0} s; " +
                    $"Hangfire: {lab.HangfireServers()}. The phases need every agent at once: give --workers {agents + 2}.");
                return 1;
            }
            Console.WriteLine($"run {run.GetProperty("id").GetInt64()}: all {agents} agents received AssignJob within {assignClock.Elapsed.TotalSeconds:0.00} s of the request creating the run; " +
                $"Hangfire: {lab.HangfireServers()}");
            var jobIds = fleet.Select(a => a.Job.JobId).ToList();

            var steadyClock = Stopwatch.StartNew();
            await Task.WhenAll(fleet.Select(a => a.StreamAsync(TimeSpan.FromSeconds(seconds))));
            var steadyElapsed = steadyClock.Elapsed;
            var afterSteady = await StoredEvents.ReadAsync(lab.ConnectionString, jobIds);

            foreach (var agent in fleet) agent.Phase = "burst";
            await Task.WhenAll(fleet.Select(a => a.DropAsync(burst)));
            var burstClock = Stopwatch.StartNew();
            await Task.WhenAll(fleet.Select(a => a.ReconnectAsync()));
            var burstElapsed = burstClock.Elapsed;
            var afterBurst = await StoredEvents.ReadAsync(lab.ConnectionString, jobIds);

            foreach (var agent in fleet) agent.Phase = "finish";
            await Task.WhenAll(fleet.Select(a => a.FinishAsync()));
            var ended = await api.WaitForRunEndAsync(run.GetProperty("id").GetInt64(), Patience);
            var final = await StoredEvents.ReadAsync(lab.ConnectionString, jobIds);

            var steadySamples = afterSteady.Values.Sum(s => s.Samples);
            var steadyEvents = afterSteady.Values.Sum(s => s.StoredThroughSeq);
            Console.WriteLine($"steady: {steadySamples:N0} samples ({steadyEvents:N0} events) stored in {steadyElapsed.TotalSeconds:0.0} s = " +
                $"{steadySamples / steadyElapsed.TotalSeconds:N0} samples/s of {agents * BenchEventScript.SamplesPerTick * 4:N0} offered, {steadyEvents / steadyElapsed.TotalSeconds:N0} events/s");
            var acks = fleet.SelectMany(a => a.Acks).ToList();
            Console.WriteLine(HubBenchReport.AckLine("steady", acks));
            var burstEvents = afterBurst.Sum(s => s.Value.StoredThroughSeq - afterSteady[s.Key].StoredThroughSeq);
            var burstSamples = afterBurst.Sum(s => s.Value.Samples - afterSteady[s.Key].Samples);
            Console.WriteLine($"burst: {burstEvents:N0} events ({burstSamples:N0} samples) stored in {burstElapsed.TotalSeconds:0.00} s (reconnect, register, re-send, backlog) = " +
                $"{burstEvents / burstElapsed.TotalSeconds:N0} events/s, {burstSamples / burstElapsed.TotalSeconds:N0} samples/s");
            Console.WriteLine(HubBenchReport.AckLine("burst", acks));
            Console.WriteLine(HubBenchReport.AckLine("resent", acks));
            var failedCalls = acks.Where(a => a.Phase.StartsWith("failed", StringComparison.Ordinal)).ToList();
            if (failedCalls.Count > 0) Console.WriteLine($"failed PublishEvents calls: {failedCalls.Count}, first: {failedCalls[0].Phase}");

            var exact = HubBenchReport.ExactlyOnce(fleet, final);
            var outcome = HubBenchReport.RunOutcome(ended);
            Console.WriteLine($"load average at the end: {HubBenchReport.LoadAverage()}");
            return exact && failedCalls.Count == 0 && outcome ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(fleet.Select(a => a.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Enough measured repetitions of <see cref="GeneratedTokens"/> tokens (16 a second) to last through the steady phase and the burst.</summary>
    private static SuiteParameters Parameters(int seconds, int burst)
    {
        var eventsPerTick = BenchEventScript.SamplesPerTick + BenchEventScript.TokensPerTick + 6.0 * BenchEventScript.TokensPerTick / GeneratedTokens;
        var ticks = seconds * 4 + burst / eventsPerTick;
        var repetitions = Math.Max(1, (int)(ticks * BenchEventScript.TokensPerTick / GeneratedTokens));
        return new SuiteParameters(PromptTokens, GeneratedTokens, Threads: 1, Warmups: 0, Repetitions: repetitions, Admission: new AdmissionPolicy());
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) return fallback;
        if (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        throw new ArgumentException($"agent-hub: {name} needs a whole number{(at + 1 < args.Length ? $", not '{args[at + 1]}'" : "")}");
    }
}
