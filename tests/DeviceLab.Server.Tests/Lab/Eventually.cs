namespace DeviceLab.Server.Tests.Lab;

/// <summary>Waits for a condition that becomes true asynchronously (a job finishing, a device going offline). The limits are
/// correctness bounds ("within seconds"), not speed measurements.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        await GetAsync<object>(async () => await condition() ? new object() : null, timeout, what);
    }
}
