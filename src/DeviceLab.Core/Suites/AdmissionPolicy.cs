namespace DeviceLab.Core.Suites;

/// <summary>
/// When the agent may start a measured repetition: battery inside a band, not charging, cool enough.
/// It waits up to <see cref="MaxWaitMs"/> for the device to get there, then runs anyway and records that it forced.
/// </summary>
/// <param name="MinBatteryPercent">Lowest battery level allowed (0–100).</param>
/// <param name="MaxBatteryPercent">Highest battery level allowed (0–100).</param>
/// <param name="RequireNotCharging">Wait while the device charges (energy figures are invalid while charging).</param>
/// <param name="MaxBatteryTemperatureC">Highest battery temperature, °C.</param>
/// <param name="MaxWaitMs">Longest wait for admission before a repetition, ms.</param>
public sealed record AdmissionPolicy(
    double MinBatteryPercent = 20,
    double MaxBatteryPercent = 100,
    bool RequireNotCharging = false,
    double MaxBatteryTemperatureC = 40,
    int MaxWaitMs = 120_000);
