namespace DeviceLab.VirtualDevice.Tests.AdbCli;

/// <summary>Looks at the host's processes through /proc, to see what a device command left running.</summary>
public static class HostProcesses
{
    /// <summary>Processes whose NUL-separated command line contains <paramref name="fragment"/>.</summary>
    public static int CountWithCommandLine(string fragment)
    {
        var count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(fragment)) count++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return count;
    }

    /// <summary>Waits (up to 10 s) until the condition holds; killed processes take a moment to go.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}
