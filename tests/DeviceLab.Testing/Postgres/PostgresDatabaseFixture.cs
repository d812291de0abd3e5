using Xunit;

namespace DeviceLab.Testing.Postgres;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class, on the process's shared test server
/// (see <see cref="PostgresTestServer"/>: <c>DEVICELAB_TEST_POSTGRES</c>, else Testcontainers, else a local cluster).
/// <para>Use it as <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c> and read <see cref="ConnectionString"/>;
/// the database is dropped when the class's tests are done. Tests inside one class share the database, so
/// give rows unique keys or clean up what you add.</para>
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private static int _sequence;
    private PostgresTestServer? _server;

    /// <summary>Name of this class's database (unique per test process and class).</summary>
    public string DatabaseName { get; } =
        $"devicelab_test_{Environment.ProcessId}_{Interlocked.Increment(ref _sequence)}_{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Connection string of this class's database (superuser of the test server).</summary>
    public string ConnectionString => _server?.ConnectionStringFor(DatabaseName)
        ?? throw new InvalidOperationException("The fixture is not initialised yet (xunit calls InitializeAsync first).");

    /// <summary>The shared server, e.g. to create a second database in a test.</summary>
    public PostgresTestServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised yet.");

    public async Task InitializeAsync()
    {
        _server = await PostgresTestServer.GetAsync();
        await _server.CreateDatabaseAsync(DatabaseName);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DropDatabaseAsync(DatabaseName);
    }
}
