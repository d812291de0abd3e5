using Microsoft.AspNetCore.SignalR.Client;

namespace DeviceLab.Agent.Network;

/// <summary>
/// Reconnect delays: immediately, then doubling from <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>, with up to
/// 20 % jitter so a fleet that lost the server does not reconnect in lock-step. Never gives up: a phone in a lab
/// should come back whenever the server does.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan baseDelay, TimeSpan maxDelay) : IRetryPolicy
{
    public TimeSpan BaseDelay { get; } = baseDelay;
    public TimeSpan MaxDelay { get; } = maxDelay;

    public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay(retryContext.PreviousRetryCount);

    /// <summary>The delay before attempt number <paramref name="previousAttempts"/> + 1.</summary>
    public TimeSpan Delay(long previousAttempts)
    {
        if (previousAttempts <= 0) return TimeSpan.Zero;
        var exponent = Math.Min(previousAttempts - 1, 20);
        var ms = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ms * (1 + 0.2 * Random.Shared.NextDouble()));
    }
}
