using DeviceLab.LocalPostgres;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeviceLab.Server.Data;

/// <summary>
/// Gets the database ready before anything else starts: the configured server (checked to answer) or the private
/// local cluster (started, and stopped again when the host stops); then EF Core migrations and Hangfire's schema.
/// Runs in <see cref="IHostedLifecycleService.StartingAsync"/>, i.e. before every hosted service's StartAsync,
/// so Hangfire's workers and the web endpoints never see a database that is not there.
/// </summary>
internal sealed class DatabaseStartup(
    DeviceLabDatabase database,
    IConfiguration configuration,
    IOptions<DeviceLabOptions> options,
    IServiceProvider services,
    ILogger<DatabaseStartup> logger) : IHostedLifecycleService
{
    /// <summary>Database the local cluster keeps DeviceLab's tables in.</summary>
    public const string LocalDatabaseName = "devicelab";

    private LocalPostgresCluster? _cluster;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var configured = configuration.GetConnectionString(DeviceLabOptions.ConnectionStringName);
        try
        {
            if (string.IsNullOrWhiteSpace(configured)) await StartLocalClusterAsync(cancellationToken);
            else await ConnectConfiguredServerAsync(configured, cancellationToken);
            await MigrateAsync(cancellationToken);
        }
        catch
        {
            await StopClusterAsync();
            throw;
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => StopClusterAsync();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task StartLocalClusterAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            _cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions
            {
                DataDirectory = settings.DataDirectoryPath,
                Port = settings.LocalPostgres.Port,
            }, logger, cancellationToken);
            await _cluster.EnsureDatabaseAsync(LocalDatabaseName, cancellationToken);
        }
        catch (LocalPostgresException e)
        {
            throw new DeviceLabStartupException(e.Message, e);
        }
        database.Ready(_cluster.ConnectionString(LocalDatabaseName), isLocalCluster: true);
    }

    private async Task ConnectConfiguredServerAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder target;
        try
        {
            target = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new DeviceLabStartupException(
                $"ConnectionStrings:DeviceLab is not a valid PostgreSQL connection string ({e.Message}). " +
                "Fix it (e.g. Host=db;Port=5432;Database=devicelab;Username=devicelab;Password=…) or remove it to use the local cluster.", e);
        }
        // A short timeout for this first contact: a wrong host should fail in seconds, not minutes.
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = Math.Min(target.Timeout, 5), Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(probe.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new DeviceLabStartupException(
                $"Cannot reach the PostgreSQL server of ConnectionStrings:DeviceLab (host {target.Host}, port {target.Port}, " +
                $"database {target.Database}): {e.Message.TrimEnd('.')}. Start that server or correct the connection string; or remove " +
                "ConnectionStrings:DeviceLab to let DeviceLab run its own PostgreSQL in its data folder.", e);
        }
        database.Ready(connectionString, isLocalCluster: false);
        logger.LogInformation("Using the configured PostgreSQL server {Host}:{Port}, database {Database}",
            target.Host, target.Port, target.Database);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<DeviceLabDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Created first so that EF does not log a failed query against a missing history table on a new database.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            // MigrateAsync takes a database lock, so nodes starting together apply each migration once.
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database schema is at migration {Migration}", db.Database.GetMigrations().LastOrDefault());
        }
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Hangfire's installer is idempotent and takes a lock, so concurrent nodes may both run it.
        PostgreSqlObjectsInstaller.Install(connection, Jobs.JobStorageSetup.SchemaName);
    }

    private async Task StopClusterAsync()
    {
        if (_cluster is null) return;
        await _cluster.StopAsync();
        _cluster = null;
    }
}
