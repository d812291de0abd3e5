using DeviceLab.Cli.Suites;
using DeviceLab.Core.Suites;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// The demo's "nightly" suite: the three variants of the demo model on every virtual device, small enough to finish in
/// a couple of minutes on two cores (32 prompt tokens, 16 generated, one thread per device — each device has one core —
/// one warm-up and three measured repetitions per variant), scheduled at 03:00 UTC like a real nightly suite.
/// </summary>
internal static class DemoSuite
{
    public const string Name = "nightly";
    public const string Cron = "0 3 * * *";

    /// <summary>Devices it runs on: DeviceLab tags every virtual device <c>virtual</c>.</summary>
    public static readonly DeviceSelector Devices = new(["virtual"], []);

    /// <summary>Virtual devices simulate a battery that is always admitted; a short admission wait keeps a surprise from stalling the demo.</summary>
    public static readonly SuiteParameters Parameters = new(
        PromptTokens: 32, GeneratedTokens: 16, Threads: 1, Warmups: 1, Repetitions: 3,
        Admission: new AdmissionPolicy(MinBatteryPercent: 0, MaxBatteryPercent: 100, RequireNotCharging: false, MaxBatteryTemperatureC: 80, MaxWaitMs: 5_000));

    public static SuiteInput Input(IReadOnlyList<long> variantIds) => new(Name, variantIds, Devices, Parameters, Cron);

    /// <summary>True when <paramref name="suite"/> is already what <see cref="Input"/> describes.</summary>
    public static bool Matches(SuiteInfo suite, IReadOnlyList<long> variantIds) =>
        suite.Cron == Cron && suite.Enabled && suite.VariantIds.Order().SequenceEqual(variantIds.Order())
        && suite.DeviceSelector.Tags.SequenceEqual(Devices.Tags) && suite.DeviceSelector.DeviceModels.Count == 0
        && suite.Parameters with { Admission = null, Timeouts = null } == Parameters with { Admission = null, Timeouts = null }
        && suite.Parameters.Admission == Parameters.Admission;
}
