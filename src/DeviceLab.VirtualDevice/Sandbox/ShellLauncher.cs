using System.Collections.Concurrent;
using System.Diagnostics;

namespace DeviceLab.VirtualDevice.Sandbox;

/// <summary>
/// Starts device shell commands: <c>/bin/sh -c</c> in the sandbox, with HOME and TMPDIR inside it,
/// the device's <c>getprop</c> first on PATH, each command leading its own process group
/// (<c>setsid</c>) and, when the device is pinned, limited to its cores (<c>taskset</c>), which every
/// child process inherits.
/// </summary>
internal sealed class ShellLauncher
{
    // Host variables a command may need to find its runtime; everything else is a clean device environment.
    private static readonly string[] PassThrough = ["LANG", "LC_ALL", "TZ", "DOTNET_ROOT", "DOTNET_CLI_HOME"];
    private readonly ConcurrentDictionary<ShellProcess, byte> _running = new();
    private readonly DevicePaths _paths;
    private readonly CoreSet? _cores;
    private readonly string _toolsFolder;

    /// <summary>Throws when the host lacks a tool every command needs (util-linux's setsid, taskset).</summary>
    public ShellLauncher(DevicePaths paths, CoreSet? cores, string toolsFolder)
    {
        _paths = paths;
        _cores = cores;
        _toolsFolder = toolsFolder;
        RequireOnPath("setsid");
        if (cores is not null) RequireOnPath("taskset");
    }

    private static void RequireOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        if (!path.Split(':').Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool))))
            throw new InvalidOperationException($"the virtual device needs the '{tool}' command (Debian package util-linux) on PATH");
    }

    /// <summary>Starts a command; null or empty runs an interactive shell reading stdin.</summary>
    public ShellProcess Start(string? command, string? terminalType)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _paths.SandboxFolder,
        };
        if (_cores is not null)
        {
            start.FileName = "taskset";
            start.ArgumentList.Add("--cpu-list");
            start.ArgumentList.Add(_cores.ToString());
            start.ArgumentList.Add("setsid");
        }
        else
        {
            start.FileName = "setsid";
        }
        start.ArgumentList.Add("/bin/sh");
        if (!string.IsNullOrEmpty(command))
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(_paths.MapCommand(command));
        }
        SetEnvironment(start, terminalType);

        var process = Process.Start(start) ?? throw new InvalidOperationException("the device shell could not be started");
        var shell = new ShellProcess(process, s => _running.TryRemove(s, out _));
        _running[shell] = 0;
        return shell;
    }

    /// <summary>Kills every command still running (device stop or abort).</summary>
    public void KillAll()
    {
        foreach (var shell in _running.Keys) shell.KillGroup();
    }

    private void SetEnvironment(ProcessStartInfo start, string? terminalType)
    {
        var hostPath = Environment.GetEnvironmentVariable("PATH");
        var environment = start.Environment;
        var keep = PassThrough.Select(name => (name, value: Environment.GetEnvironmentVariable(name))).Where(v => v.value is not null).ToArray();
        environment.Clear();
        foreach (var (name, value) in keep) environment[name] = value;
        environment["PATH"] = $"{_toolsFolder}:{(string.IsNullOrEmpty(hostPath) ? "/usr/local/bin:/usr/bin:/bin" : hostPath)}";
        environment["HOME"] = _paths.SandboxFolder;
        environment["TMPDIR"] = _paths.SandboxFolder;
        environment["SHELL"] = "/bin/sh";
        environment["DEVICELAB_VIRTUAL_DEVICE"] = "1";
        if (!string.IsNullOrEmpty(terminalType)) environment["TERM"] = terminalType;
    }
}
