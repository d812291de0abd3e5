namespace DeviceLab.Server.Tests.Components;

/// <summary>A clock stopped at one moment, for "5 min ago" and "next run at" assertions.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
