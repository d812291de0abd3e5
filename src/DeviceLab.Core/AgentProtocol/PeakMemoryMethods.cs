namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// How a result's <c>peak_rss_bytes</c> was measured (<c>peak_rss_method</c>), so the server and dashboard can label it.
/// Results of agents older than this field have no method: their peak may include every variant loaded in the run.
/// </summary>
public static class PeakMemoryMethods
{
    /// <summary>The kernel's high-water mark (VmHWM), reset by writing 5 to <c>/proc/self/clear_refs</c> right before the repetition: exact.</summary>
    public const string HighWaterMarkReset = "hwm_reset";

    /// <summary>The highest resident size (VmRSS) among the telemetry samples taken during the repetition: a lower bound that can miss a short peak.</summary>
    public const string SampledResidentMax = "rss_sampled_max";

    /// <summary>Neither could be read; <c>peak_rss_bytes</c> is −1.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>A variant summary whose repetitions were measured by different methods.</summary>
    public const string Mixed = "mixed";
}
