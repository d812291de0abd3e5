using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Live;
using DeviceLab.Server.Data;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Live;
using DeviceLab.Server.Runs.Ingestion;
using DeviceLab.Testing;
using DeviceLab.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DeviceLab.Benchmarks.Ingestion;

/// <summary>
/// Telemetry ingestion into PostgreSQL through the server's own pipeline (<see cref="AttemptIngestion"/>: parse, fenced
/// transaction, binary COPY into a staging table, INSERT … ON CONFLICT DO NOTHING, NOTIFY for live viewers), on a real
/// server host and database:
/// <list type="bullet">
/// <item>steady: N simulated agents (default 20) each sending a telemetry tick of 12 samples every 250 ms (4 Hz) for a
/// while; reports samples stored per second and the delay from a tick's arrival to its commit (p50 / p95 / max);</item>
/// <item>burst: the same agents each delivering a backlog of B samples at once (a network agent reconnecting); reports
/// samples stored per second;</item>
/// <item>live: the delay from the server reading a batch to an in-process lab hub feed receiving it through
/// PostgreSQL NOTIFY/LISTEN, and to a SignalR client of the lab hub on a loopback socket (Kestrel, API key,
/// watching every agent's run), during the steady phase.</item>
/// </list>
/// Options: <c>--agents N</c> (20), <c>--seconds S</c> (10), <c>--burst B</c> (10000).
/// </summary>
internal static class IngestionBench
{
    private const int SamplesPerTick = 12;

    public static async Task<int> RunAsync(string[] args)
    {
        var agents = Option(args, "--agents", 20);
        var seconds = Option(args, "--seconds", 10);
        var burst = Option(args, "--burst", 10_000);

        var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        using var data = new TemporaryFolder("ingest-bench");
        var apiKey = "dlk_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var factory = new WebApplicationFactory<DeviceLab.Server.DeviceLabOptions>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production");
            host.UseContentRoot(Path.Combine(TestPaths.RepositoryRoot, "src", "DeviceLab.Server"));
            host.UseSetting("urls", "http://127.0.0.1:0"); // never the default port of a real server
            host.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:DeviceLab"] = database.ConnectionString, ["DeviceLab:LabHost:Name"] = "ingest-bench",
                ["DeviceLab:DataDirectory"] = data.Path, ["DeviceLab:Adb:Enabled"] = "false",
                ["DeviceLab:Auth:BootstrapApiKey:Secret"] = apiKey, ["DeviceLab:Auth:BootstrapApiKey:Name"] = "ingest-bench",
            }));
            host.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        });
        // A real socket: the SignalR client's delay includes Kestrel, WebSockets and JSON, as a dashboard's would.
        factory.UseKestrel(0);
        factory.StartServer();
        try
        {
            var services = factory.Services;
            var writer = services.GetRequiredService<IngestionWriter>();
            var targets = await CreateTargetsAsync(services, database.ConnectionString, agents);
            var feed = services.GetRequiredService<LiveEventFeed>();
            Console.WriteLine($"ingest: {agents} simulated agents, {SamplesPerTick} samples per tick; PostgreSQL {new NpgsqlConnectionStringBuilder(database.ConnectionString).Host}");

            var liveLatencies = new ConcurrentBag<double>();
            using var stopFeed = new CancellationTokenSource();
            var reading = Task.Run(async () =>
            {
                try
                {
                    await foreach (var e in feed.ReadAllAsync(stopFeed.Token))
                        if (e is TelemetryBatch batch) liveLatencies.Add((DateTimeOffset.UtcNow - batch.ReceivedAt).TotalMilliseconds);
                }
                catch (OperationCanceledException) { }
            });

            var clientLatencies = new ConcurrentBag<double>();
            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(factory.ClientOptions.BaseAddress, LabHubContract.Path), o => o.Headers["X-Api-Key"] = apiKey)
                .AddJsonProtocol(json => LiveJson.Configure(json.PayloadSerializerOptions))
                .Build();
            hub.On<TelemetryBatch>(nameof(ILabHubClient.TelemetryReceived), batch => clientLatencies.Add((DateTimeOffset.UtcNow - batch.ReceivedAt).TotalMilliseconds));
            await hub.StartAsync();
            foreach (var runId in targets.Select(t => t.RunId).Distinct()) await hub.InvokeAsync(nameof(ILabHub.WatchRun), runId);

            var steady = await SteadyAsync(targets, writer, TimeSpan.FromSeconds(seconds));
            await Task.Delay(500);
            await stopFeed.CancelAsync();
            await reading;
            await hub.StopAsync();
            Console.WriteLine($"steady 4 Hz: {steady.Samples:N0} samples in {steady.Elapsed.TotalSeconds:0.0} s = {steady.Samples / steady.Elapsed.TotalSeconds:N0} samples/s stored " +
                $"(offered {agents * SamplesPerTick * 4:N0}/s); tick arrival → committed: p50 {P(steady.Lags, 0.5):0.0} ms, p95 {P(steady.Lags, 0.95):0.0} ms, max {steady.Lags.Max():0.0} ms");
            var live = liveLatencies.ToList();
            if (live.Count > 0)
                Console.WriteLine($"live: server read → lab hub feed via NOTIFY/LISTEN: {live.Count} batches, p50 {P(live, 0.5):0.0} ms, p95 {P(live, 0.95):0.0} ms, max {live.Max():0.0} ms");
            var client = clientLatencies.ToList();
            Console.WriteLine(client.Count == 0
                ? "live: the SignalR client received no telemetry batch"
                : $"live: agent line read by the server → SignalR client on loopback: {client.Count} batches, p50 {P(client, 0.5):0.0} ms, p95 {P(client, 0.95):0.0} ms, max {client.Max():0.0} ms");

            var burstResult = await BurstAsync(targets, writer, burst);
            Console.WriteLine($"burst: {agents} × {burst:N0} samples = {burstResult.Samples:N0} stored in {burstResult.Elapsed.TotalSeconds:0.00} s = {burstResult.Samples / burstResult.Elapsed.TotalSeconds:N0} samples/s");
            return 0;
        }
        finally
        {
            await factory.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    private sealed record Phase(long Samples, TimeSpan Elapsed, List<double> Lags);

    private static async Task<Phase> SteadyAsync(IReadOnlyList<IngestionTarget> targets, IngestionWriter writer, TimeSpan duration)
    {
        var lags = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var stored = await Task.WhenAll(targets.Select(async target =>
        {
            await using var ingestion = AttemptIngestion.Start(target, writer);
            var lines = new Lines(target);
            await ingestion.AcceptLineAsync(lines.Hello(), DateTimeOffset.UtcNow, default);
            using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            var pending = new ConcurrentQueue<(long Seq, long Ticks)>();
            using var stopWatching = new CancellationTokenSource();
            // Watches the committed sequence number every 2 ms, so a tick's delay is measured to within 2 ms.
            var watching = Task.Run(async () =>
            {
                while (!stopWatching.IsCancellationRequested || !pending.IsEmpty)
                {
                    while (pending.TryPeek(out var next) && next.Seq <= ingestion.StoredThroughSeq && pending.TryDequeue(out _))
                        lags.Add(Stopwatch.GetElapsedTime(next.Ticks).TotalMilliseconds);
                    await Task.Delay(2);
                }
            });
            var tMs = 0.0;
            while (clock.Elapsed < duration && await ticks.WaitForNextTickAsync())
            {
                tMs += 250;
                var arrived = Stopwatch.GetTimestamp();
                for (var i = 0; i < SamplesPerTick; i++) await ingestion.AcceptLineAsync(lines.Sample(tMs, i), DateTimeOffset.UtcNow, default);
                pending.Enqueue((lines.Seq, arrived));
            }
            await ingestion.CompleteAsync();
            await stopWatching.CancelAsync();
            await watching;
            return ingestion.Tally.SamplesStored;
        }));
        return new Phase(stored.Sum(), clock.Elapsed, [.. lags]);
    }

    private static async Task<Phase> BurstAsync(IReadOnlyList<IngestionTarget> targets, IngestionWriter writer, int samples)
    {
        // Fresh attempts' keys: the burst is new data, not a re-delivery of the steady phase.
        var burstTargets = targets.Select(t => t with { Attempt = 2 }).ToList();
        var prepared = burstTargets.Select(t =>
        {
            var lines = new Lines(t);
            return (Target: t, Lines: (string[])[lines.Hello(), .. Enumerable.Range(0, samples).Select(i => lines.Sample(1000 + i / SamplesPerTick * 250.0, i % SamplesPerTick))]);
        }).ToList();
        var clock = Stopwatch.StartNew();
        var stored = await Task.WhenAll(prepared.Select(async p =>
        {
            await using var ingestion = AttemptIngestion.Start(p.Target, writer);
            var now = DateTimeOffset.UtcNow;
            foreach (var line in p.Lines) await ingestion.AcceptLineAsync(line, now, default);
            await ingestion.CompleteAsync();
            return ingestion.Tally.SamplesStored;
        }));
        return new Phase(stored.Sum(), clock.Elapsed, []);
    }

    /// <summary>One run with a job per agent on its own device, each leased, with attempts 1 and 2.</summary>
    private static async Task<IReadOnlyList<IngestionTarget>> CreateTargetsAsync(IServiceProvider services, string connectionString, int agents)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var sha = new string('a', 64);
        async Task<long> Scalar(string sql, params object[] values)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
            return (long)(await command.ExecuteScalarAsync())!;
        }
        var host = await Scalar("SELECT id FROM lab_hosts WHERE name = 'ingest-bench'");
        await Scalar("INSERT INTO artifacts (sha256, size_bytes, kind, stored_path, created_at) VALUES ($1, 1, 'gguf', 'x', now()) RETURNING 1::bigint", sha);
        var model = await Scalar("INSERT INTO models (name, created_at) VALUES ('bench', now()) RETURNING id");
        var variant = await Scalar("INSERT INTO variants (model_id, quant_type, sha256, size_bytes, build_status, created_at) VALUES ($1, 'q4_0', $2, 1, 'ready', now()) RETURNING id", model, sha);
        var run = await Scalar("""
            INSERT INTO runs (status, trigger, variant_ids, device_selector, parameters, created_at)
            VALUES ('running', 'api', ARRAY[$1::bigint], '{"tags":["bench"],"device_models":[]}', '{}', now()) RETURNING id
            """, variant);
        var leases = services.GetRequiredService<DeviceLeases>();
        var targets = new List<IngestionTarget>();
        for (var i = 0; i < agents; i++)
        {
            var device = await Scalar("""
                INSERT INTO devices (lab_host_id, serial, transport, tags, user_tags, properties, state, is_virtual, is_connected, created_at)
                VALUES ($1, $2, 'adb', '{bench}', '{}', '{}', 'online', true, true, now()) RETURNING id
                """, host, $"bench-{i}");
            var job = await Scalar("INSERT INTO run_jobs (run_id, device_id, variant_ids, attempt, status, is_partial, created_at) VALUES ($1, $2, ARRAY[$3::bigint], 2, 'running', false, now()) RETURNING id", run, device, variant);
            foreach (var attempt in new[] { 1, 2 })
                await Scalar("""
                    INSERT INTO run_job_attempts (run_job_id, attempt, device_id, status, is_partial, stored_through_seq, repetitions_done, repetitions_total, hangfire_job_id, created_at)
                    VALUES ($1, $2, $3, 'running', false, 0, 0, 1, 'bench', now()) RETURNING id
                    """, job, attempt, device);
            var lease = ((LeaseAcquisition.Acquired)await leases.TryAcquireAsync(device, job, 2, default)).Lease;
            targets.Add(new IngestionTarget(run, job, 1, device, lease,
                new Dictionary<string, IngestedVariant> { ["v"] = new(variant, "v", sha) }, 1, true, new JsonObject()));
        }
        // Keep the leases alive for the whole bench.
        await using (var extend = new NpgsqlCommand("UPDATE device_leases SET expires_at = now() + interval '1 hour'", connection)) await extend.ExecuteNonQueryAsync();
        return targets;
    }

    /// <summary>Sample lines the way the agent writes them: memory, battery, thermal zones, CPU frequencies.</summary>
    private sealed class Lines(IngestionTarget target)
    {
        private static readonly (string Metric, string? Instance, string Unit)[] Metrics =
        [
            (TelemetryMetrics.MemoryResident, null, "bytes"), (TelemetryMetrics.MemoryPeak, null, "bytes"),
            (TelemetryMetrics.BatteryVoltage, null, "mV"), (TelemetryMetrics.BatteryCurrent, null, "mA"),
            (TelemetryMetrics.BatteryDischargeCurrent, null, "mA"), (TelemetryMetrics.BatteryChargeCounter, null, "mAh"),
            (TelemetryMetrics.BatteryLevel, null, "%"), (TelemetryMetrics.BatteryTemperature, null, "°C"),
            (TelemetryMetrics.ThermalZone, "thermal_zone0", "°C"), (TelemetryMetrics.ThermalZone, "thermal_zone1", "°C"),
            (TelemetryMetrics.CpuFrequency, "cpu0", "MHz"), (TelemetryMetrics.CpuFrequency, "cpu1", "MHz"),
        ];

        public long Seq { get; private set; }

        public string Hello() => AgentEventWriter.ToJson(new HelloEvent
        {
            Seq = ++Seq, TMs = 0, Device = new DeviceFingerprint("Bench", "DeviceLab", "bench", "x86_64", 8, true),
            AgentVersion = "bench", EngineVersion = "bench", Mode = "network",
        });

        public string Sample(double tMs, int index) => AgentEventWriter.ToJson(new SampleEvent
        {
            Seq = ++Seq, TMs = tMs, Metric = Metrics[index].Metric, Instance = Metrics[index].Instance, Value = 1000 + index + tMs / 1000,
            Unit = Metrics[index].Unit, Source = SampleSource.Simulated,
        });

        public override string ToString() => $"agent of run job {target.RunJobId}";
    }

    private static double P(IReadOnlyList<double> values, double fraction) =>
        Core.Statistics.SampleSummary.Percentile([.. values.Order()], fraction);

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
