using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Jobs;

/// <summary>
/// Hangfire on DeviceLab's PostgreSQL database (schema <c>hangfire</c>). Each node works the queue of its lab host
/// and the <c>default</c> queue. Jobs start within about a second: enqueueing sends a NOTIFY that idle workers
/// LISTEN for, and the fallback poll runs every second (docs/decisions/0008).
/// <para>Inject <see cref="IBackgroundJobClient"/> / <see cref="IRecurringJobManager"/>; never use Hangfire's static
/// <c>BackgroundJob</c> API (<c>JobStorage.Current</c> is not set, so each host, e.g. in tests, keeps its own storage).</para>
/// </summary>
internal static class JobStorageSetup
{
    public const string SchemaName = "hangfire";

    public static IServiceCollection AddDeviceLabJobs(this IServiceCollection services)
    {
        // Registered before AddHangfire, which then keeps it instead of the process-wide JobStorage.Current.
        services.AddSingleton<JobStorage>(provider => new PostgreSqlStorage(
            new DeviceLabConnectionFactory(provider.GetRequiredService<DeviceLabDatabase>()), StorageOptions()));
        // Same for the activator: AddHangfire would register the process-wide JobActivator.Current, which every host
        // starting in this process overwrites — a job could then be built from another host's (or a disposed) container.
        services.AddSingleton<JobActivator>(provider =>
            new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .UseLogProvider(new HangfireLogging(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((provider, server) =>
        {
            var labHost = provider.GetRequiredService<IOptions<DeviceLabOptions>>().Value.LabHost;
            server.ServerName = ServerNameFor(labHost.Name);
            server.Queues = [LabHostQueue.For(labHost.Name), LabHostQueue.Default];
            server.WorkerCount = labHost.WorkerCount; // an attempt holds a worker for its whole length (DeviceLab:LabHost:Workers)
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        return services;
    }

    /// <summary>Hangfire server name of this process: lab host and process id (Hangfire appends a unique suffix).</summary>
    public static string ServerNameFor(string labHost) => $"{labHost}-{Environment.ProcessId}";

    private static PostgreSqlStorageOptions StorageOptions() => new()
    {
        SchemaName = SchemaName,
        PrepareSchemaIfNecessary = false, // DatabaseStartup installs it once the database is there
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromSeconds(1),
        InvisibilityTimeout = TimeSpan.FromMinutes(30),
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };
}
