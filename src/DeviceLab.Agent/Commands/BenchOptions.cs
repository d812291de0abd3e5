using System.CommandLine;
using DeviceLab.Agent.Benchmark;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Commands;

/// <summary>The options of <c>devicelab-agent bench</c> and how they become a <see cref="BenchRequest"/>.</summary>
public sealed class BenchOptions
{
    public Option<string[]> Models { get; } = new("--model") { Description = "Variant GGUF file; repeat for several variants (run interleaved A B A B …)", Required = true };
    public Option<string[]> Sha256 { get; } = new("--sha256") { Description = "Expected sha256 of each --model, in the same order" };
    public Option<string[]> Labels { get; } = new("--label") { Description = "Name of each --model in events (default: file name without extension)" };
    public Option<int> Prompt { get; } = new("--prompt") { Description = "Prompt tokens to prefill", Required = true };
    public Option<int> Gen { get; } = new("--gen") { Description = "Tokens to decode", Required = true };
    public Option<int> Reps { get; } = new("--reps") { Description = "Measured repetitions per variant", DefaultValueFactory = _ => 5 };
    public Option<int> Warmups { get; } = new("--warmups") { Description = "Warm-up repetitions per variant (not measured)", DefaultValueFactory = _ => 1 };
    public Option<int> Threads { get; } = new("--threads") { Description = "Engine threads", DefaultValueFactory = _ => 1 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed for prompt tokens and sampling", DefaultValueFactory = _ => 42 };
    public Option<int?> Context { get; } = new("--ctx") { Description = "KV cache context length (default: the engine's choice)" };
    public Option<string?> KvType { get; } = new("--kv-type") { Description = "KV cache entries: f16 or f32" };
    public Option<int?> PrefillChunk { get; } = new("--prefill-chunk") { Description = "Prefill the prompt in chunks of this many tokens" };
    public Option<string?> EvalText { get; } = new("--eval-text") { Description = "UTF-8 text for perplexity (quality next to speed)" };
    public Option<string?> Reference { get; } = new("--reference") { Description = "Reference variant file for KL divergence / top-1 agreement" };
    public Option<int> EvalContext { get; } = new("--eval-ctx") { Description = "Window size of the perplexity evaluation", DefaultValueFactory = _ => 128 };
    public Option<int> TelemetryInterval { get; } = new("--telemetry-interval-ms") { Description = "Telemetry sampling interval", DefaultValueFactory = _ => 250 };
    public Option<string> SysfsRoot { get; } = new("--sysfs-root") { Description = "Root of sysfs (tests point it at a prepared tree)", DefaultValueFactory = _ => "/sys" };
    public Option<string> ProcfsRoot { get; } = new("--procfs-root") { Description = "Root of procfs", DefaultValueFactory = _ => "/proc" };
    public Option<bool> SimulatedPower { get; } = new("--simulated-power") { Description = "Battery / thermal from a simulated model (virtual devices); labelled simulated" };
    public Option<bool> Virtual { get; } = new("--virtual") { Description = "Report this device as virtual" };
    public Option<double?> MaxBatteryTemp { get; } = new("--max-battery-temp-c") { Description = "Admission: battery temperature at most this" };
    public Option<double?> MaxThermal { get; } = new("--max-thermal-c") { Description = "Admission: hottest watched thermal zone at most this" };
    public Option<string[]> ThermalZoneTypes { get; } = new("--thermal-zone-type") { Description = "Admission: watch zones whose type starts with this (repeatable; default all)" };
    public Option<double?> BatteryMin { get; } = new("--battery-min") { Description = "Admission: battery level at least this %" };
    public Option<double?> BatteryMax { get; } = new("--battery-max") { Description = "Admission: battery level at most this %" };
    public Option<bool> RequireNotCharging { get; } = new("--require-not-charging") { Description = "Admission: battery must not be charging" };
    public Option<int> AdmissionTimeout { get; } = new("--admission-timeout-s") { Description = "Admission: longest wait per repetition", DefaultValueFactory = _ => 300 };
    public Option<int> AdmissionPoll { get; } = new("--admission-poll-ms") { Description = "Admission: polling interval", DefaultValueFactory = _ => 1000 };
    public Option<string> AdmissionOnTimeout { get; } = new("--admission-on-timeout") { Description = "Admission: fail (exit 3) or force (run, recorded as forced)", DefaultValueFactory = _ => AdmissionTimeoutActions.Fail };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
        {
            Models, Sha256, Labels, Prompt, Gen, Reps, Warmups, Threads, Seed, Context, KvType, PrefillChunk, EvalText, Reference, EvalContext,
            TelemetryInterval, SysfsRoot, ProcfsRoot, SimulatedPower, Virtual, MaxBatteryTemp, MaxThermal, ThermalZoneTypes, BatteryMin,
            BatteryMax, RequireNotCharging, AdmissionTimeout, AdmissionPoll, AdmissionOnTimeout,
        })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The request, or the problems with the arguments (each naming its option).</summary>
    public (BenchRequest? Request, IReadOnlyList<string> Problems) ToRequest(ParseResult parse)
    {
        var models = parse.GetValue(Models) ?? [];
        var hashes = parse.GetValue(Sha256) ?? [];
        var labels = parse.GetValue(Labels) ?? [];
        var problems = new List<string>();
        if (hashes.Length > 0 && hashes.Length != models.Length)
            problems.Add($"--sha256: given {hashes.Length} times for {models.Length} --model files; give one per model, in order");
        if (labels.Length > 0 && labels.Length != models.Length)
            problems.Add($"--label: given {labels.Length} times for {models.Length} --model files; give one per model, in order");
        if (problems.Count > 0) return (null, problems);

        var variants = models.Select((path, i) => new VariantFile(
            labels.Length > 0 ? labels[i] : DefaultLabel(models, i), path, hashes.Length > 0 ? hashes[i] : null)).ToList();
        var parameters = new BenchParameters
        {
            PromptTokens = parse.GetValue(Prompt), GeneratedTokens = parse.GetValue(Gen), Repetitions = parse.GetValue(Reps),
            Warmups = parse.GetValue(Warmups), Threads = parse.GetValue(Threads), Seed = parse.GetValue(Seed),
            ContextLength = parse.GetValue(Context), KvCacheType = parse.GetValue(KvType), PrefillChunkTokens = parse.GetValue(PrefillChunk),
            TelemetryIntervalMs = parse.GetValue(TelemetryInterval), SimulatedPower = parse.GetValue(SimulatedPower),
            EvaluationContextTokens = parse.GetValue(EvalContext),
            Admission = new AdmissionSettings
            {
                MaxBatteryTemperatureC = parse.GetValue(MaxBatteryTemp), MaxThermalZoneC = parse.GetValue(MaxThermal),
                ThermalZoneTypes = parse.GetValue(ThermalZoneTypes) ?? [], MinBatteryPercent = parse.GetValue(BatteryMin),
                MaxBatteryPercent = parse.GetValue(BatteryMax), RequireNotCharging = parse.GetValue(RequireNotCharging),
                TimeoutMs = (int)Math.Clamp(parse.GetValue(AdmissionTimeout) * 1000L, int.MinValue, int.MaxValue), PollIntervalMs = parse.GetValue(AdmissionPoll),
                OnTimeout = parse.GetValue(AdmissionOnTimeout) ?? AdmissionTimeoutActions.Fail,
            },
        };
        var request = new BenchRequest(variants, parameters,
            new TelemetryOptions(parse.GetValue(SysfsRoot) ?? "/sys", parse.GetValue(ProcfsRoot) ?? "/proc", parameters.SimulatedPower, parameters.TelemetryIntervalMs),
            parse.GetValue(EvalText), parse.GetValue(Reference), parse.GetValue(Virtual));
        problems.AddRange(BenchLimits.Check(request));
        return problems.Count > 0 ? (null, problems) : (request, problems);
    }

    // The file name without extension; when two files share a name, their position tells them apart.
    private static string DefaultLabel(string[] models, int index)
    {
        var name = Path.GetFileNameWithoutExtension(models[index]);
        var same = models.Select(Path.GetFileNameWithoutExtension).Count(n => n == name);
        return same > 1 ? $"{name}#{index + 1}" : name;
    }
}
