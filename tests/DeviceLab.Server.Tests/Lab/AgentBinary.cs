using System.Diagnostics;
using DeviceLab.Testing;

namespace DeviceLab.Server.Tests.Lab;

/// <summary>
/// The NativeAOT agent the lab's devices run: <c>artifacts/agent/linux-x64/devicelab-agent</c>, published by
/// <c>./devicelab test</c> (or <c>./devicelab agent</c>) before the tests. When a developer runs <c>dotnet test</c>
/// without it, the fixture publishes it once the same way.
/// </summary>
public static class AgentBinary
{
    public static string Directory => Path.Combine(TestPaths.RepositoryRoot, "artifacts", "agent");

    public static string LinuxX64 => Path.Combine(Directory, "linux-x64", "devicelab-agent");

    private static readonly SemaphoreSlim Publishing = new(1, 1);

    public static async Task EnsureAsync()
    {
        if (File.Exists(LinuxX64)) return;
        await Publishing.WaitAsync();
        try
        {
            if (File.Exists(LinuxX64)) return;
            var start = new ProcessStartInfo("bash") { WorkingDirectory = TestPaths.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(TestPaths.RepositoryRoot, "devicelab"));
            start.ArgumentList.Add("agent");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 || !File.Exists(LinuxX64))
                throw new InvalidOperationException($"Publishing the agent failed (exit {process.ExitCode}): {await output}{await error}");
        }
        finally
        {
            Publishing.Release();
        }
    }
}
