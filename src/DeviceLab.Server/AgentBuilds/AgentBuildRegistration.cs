using Microsoft.Extensions.Options;

namespace DeviceLab.Server.AgentBuilds;

/// <summary>
/// At start, imports every <c>&lt;abi&gt;/devicelab-agent</c> under <see cref="AgentBuildOptions.Directory"/> that is not
/// imported yet (same file → same version → nothing to do). A file that is not a valid agent is logged and skipped,
/// so one bad folder does not keep the server from starting.
/// </summary>
/// <remarks>Resolves the importer at start, not in its constructor: hosted services are built before the database is known.</remarks>
internal sealed class AgentBuildRegistration(IServiceProvider services, IOptions<AgentBuildOptions> options, ILogger<AgentBuildRegistration> logger)
    : IHostedService
{
    public const string ExecutableName = "devicelab-agent";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var root = options.Value.Directory;
        if (string.IsNullOrWhiteSpace(root)) return;
        if (!Directory.Exists(root))
        {
            logger.LogWarning("DeviceLab:AgentBuilds:Directory {Directory} does not exist; no agent builds imported from it", root);
            return;
        }
        var import = services.GetRequiredService<AgentBuildImport>();
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var executable = Path.Combine(folder, ExecutableName);
            if (!File.Exists(executable)) continue;
            try
            {
                await using var file = File.OpenRead(executable);
                var result = await import.ImportAsync(file, Path.GetFileName(folder), version: null, cancellationToken);
                if (result.Created)
                    logger.LogInformation("Imported agent build {Version} for {Abi} from {Path}", result.Build.Version, result.Build.Abi, executable);
            }
            catch (AgentBuildException e)
            {
                logger.LogWarning("Skipped {Path}: {Reason}", executable, e.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
