using DeviceLab.Benchmarks.Adb;
using DeviceLab.Benchmarks.Dashboard;

// One line per bench: name → entry point taking the remaining arguments, returning the exit code.
var benches = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["adb-push"] = PushThroughputBench.RunAsync,
    ["ingest"] = DeviceLab.Benchmarks.Ingestion.IngestionBench.RunAsync,
    ["dashboard-compare"] = CompareFirstPaintBench.RunAsync,
    ["agent-hub"] = DeviceLab.Benchmarks.AgentHub.AgentHubBench.RunAsync,
};

if (args.Length == 0 || !benches.TryGetValue(args[0], out var bench))
{
    Console.Error.WriteLine($"usage: DeviceLab.Benchmarks <bench> [options]; benches: {string.Join(", ", benches.Keys.Order())}");
    return args.Length == 0 ? 2 : 1;
}
return await bench(args[1..]);
