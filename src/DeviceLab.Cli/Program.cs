using DeviceLab.Cli;

// Ctrl+C cancels the running command; give it time to stop what it started (e.g. the demo's server and its PostgreSQL).
return await CliApplication.BuildRootCommand().Parse(args).InvokeAsync(new() { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
