using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Telemetry;

/// <summary>
/// The peak resident memory of one repetition, read under the configurable procfs root. <see cref="Begin"/> resets the
/// kernel's high-water mark by writing "5" to <c>{procfs}/self/clear_refs</c> (Linux ≥ 4.0), so VmHWM read at
/// <see cref="End"/> is this repetition's own peak. Where that file cannot be written (older kernels, SELinux, a
/// prepared tree without it) the peak is the highest VmRSS among the sampler's readings between the two calls
/// (a lower bound), and the method says so.
/// </summary>
public sealed class RepetitionPeakMemory : IDisposable
{
    private readonly string _clearRefsPath;
    private readonly string _statusPath;
    private readonly TelemetrySampler _sampler;
    private readonly Lock _gate = new();
    private bool _armed;
    private bool _reset;
    private string? _resetProblem;
    private double _sampledMaxBytes = -1;

    public RepetitionPeakMemory(string procfsRoot, TelemetrySampler sampler)
    {
        _clearRefsPath = Path.Combine(procfsRoot, "self", "clear_refs");
        _statusPath = Path.Combine(procfsRoot, "self", "status");
        _sampler = sampler;
        _sampler.Sampled += Observe;
    }

    /// <summary>Starts a repetition's peak: resets the high-water mark where the kernel allows it and starts watching the samples.</summary>
    public void Begin()
    {
        lock (_gate)
        {
            _sampledMaxBytes = -1;
            _armed = true;
        }
        _reset = TryResetHighWaterMark(out _resetProblem);
    }

    /// <summary>Ends the repetition's peak. Call after the sampler's last reading of the repetition.</summary>
    public PeakMemoryReading End()
    {
        double sampledMax;
        lock (_gate)
        {
            _armed = false;
            sampledMax = _sampledMaxBytes;
        }
        string? problem = _resetProblem;
        if (_reset)
        {
            var status = KernelFile.ReadText(_statusPath, out problem);
            if (status is not null && ProcessStatus.FindBytes(status, "VmHWM:", _statusPath, out problem) is { } hwmBytes)
                return new PeakMemoryReading(hwmBytes, PeakMemoryMethods.HighWaterMarkReset);
        }
        return sampledMax >= 0
            ? new PeakMemoryReading((long)sampledMax, PeakMemoryMethods.SampledResidentMax, problem)
            : new PeakMemoryReading(-1, PeakMemoryMethods.Unavailable, problem ?? $"{_statusPath}: no VmRSS sample during the repetition");
    }

    public void Dispose() => _sampler.Sampled -= Observe;

    private void Observe(TelemetrySnapshot snapshot)
    {
        if (snapshot.Value(TelemetryMetrics.MemoryResident) is not { } rssBytes) return;
        lock (_gate)
        {
            if (_armed && rssBytes > _sampledMaxBytes) _sampledMaxBytes = rssBytes;
        }
    }

    private bool TryResetHighWaterMark(out string? problem)
    {
        try
        {
            // FileMode.Open: never create the file on a prepared tree that has none (that is the fallback case).
            using var clearRefs = new FileStream(_clearRefsPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            clearRefs.Write("5"u8);
            clearRefs.Flush();
            problem = null;
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = $"{_clearRefsPath} does not exist";
        }
        catch (UnauthorizedAccessException)
        {
            problem = $"{_clearRefsPath}: permission denied";
        }
        catch (IOException e)
        {
            // Kernels before 4.0 answer EINVAL to "5".
            problem = $"{_clearRefsPath}: {e.Message}";
        }
        return false;
    }
}
