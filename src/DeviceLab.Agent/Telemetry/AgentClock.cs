namespace DeviceLab.Agent.Telemetry;

/// <summary>The agent's monotonic clock: milliseconds since the agent started, shared by phase marks, samples and tokens.</summary>
public sealed class AgentClock
{
    private readonly long _startTimestamp;

    public AgentClock(TimeProvider time)
    {
        Time = time;
        _startTimestamp = time.GetTimestamp();
    }

    public TimeProvider Time { get; }

    /// <summary>Milliseconds since the clock was created.</summary>
    public double NowMs => Time.GetElapsedTime(_startTimestamp).TotalMilliseconds;
}
