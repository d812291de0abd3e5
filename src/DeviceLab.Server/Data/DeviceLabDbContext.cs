using DeviceLab.Core.Devices;
using DeviceLab.Core.Models;
using DeviceLab.Core.Regressions;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Models;
using DeviceLab.Core.Regressions.Gate;
using DeviceLab.Server.Regressions;
using DeviceLab.Server.Regressions.Alerts;
using DeviceLab.Server.Regressions.Detection;
using DeviceLab.Server.Regressions.Gate;
using DeviceLab.Server.Regressions.Series;
using DeviceLab.Server.Regressions.Triage;
using DeviceLab.Server.Results;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Suites;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Data;

/// <summary>
/// DeviceLab's domain tables in PostgreSQL (snake_case names, UTC timestamps). Used directly — no repository
/// layer (docs/decisions/0004). Each feature maps its own tables in its folder (<c>Fleet/FleetTables.cs</c> …);
/// a change of the model needs a migration: see docs/database.md. Users come from ASP.NET Core Identity (users only,
/// no role tables: a user has one <see cref="DeviceLabRole"/>); ASP.NET Core's data-protection keys live here too, so
/// every web node can read the others' sign-in cookies (docs/decisions/0090).
/// </summary>
public sealed class DeviceLabDbContext(DbContextOptions<DeviceLabDbContext> options)
    : IdentityUserContext<DeviceLabUser, long>(options), IDataProtectionKeyContext
{
    public DbSet<LabHost> LabHosts => Set<LabHost>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<AgentBuild> AgentBuilds => Set<AgentBuild>();
    public DbSet<DeviceLease> DeviceLeases => Set<DeviceLease>();
    public DbSet<Model> Models => Set<Model>();
    public DbSet<Variant> Variants => Set<Variant>();
    public DbSet<Artifact> Artifacts => Set<Artifact>();
    public DbSet<Suite> Suites => Set<Suite>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<RunJob> RunJobs => Set<RunJob>();
    public DbSet<RunJobAttempt> RunJobAttempts => Set<RunJobAttempt>();
    public DbSet<BenchmarkResult> Results => Set<BenchmarkResult>();
    public DbSet<TokenTiming> TokenTimings => Set<TokenTiming>();
    public DbSet<TelemetrySample> TelemetrySamples => Set<TelemetrySample>();
    public DbSet<Regression> Regressions => Set<Regression>();
    public DbSet<NightlyPoint> NightlyPoints => Set<NightlyPoint>();
    public DbSet<RunGateVerdict> RunGateVerdicts => Set<RunGateVerdict>();
    public DbSet<RegressionCheck> RegressionChecks => Set<RegressionCheck>();
    public DbSet<TriageEntry> TriageEntries => Set<TriageEntry>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<DeviceToken> DeviceTokens => Set<DeviceToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        StoreAsName<DeviceState>(conventions);
        StoreAsName<DeviceTransport>(conventions);
        StoreAsName<QuantType>(conventions);
        StoreAsName<VariantBuildStatus>(conventions);
        StoreAsName<ArtifactKind>(conventions);
        StoreAsName<RunStatus>(conventions);
        StoreAsName<RunJobStatus>(conventions);
        StoreAsName<RunJobAttemptStatus>(conventions);
        StoreAsName<RunTrigger>(conventions);
        StoreAsName<RegressionDirection>(conventions);
        StoreAsName<RegressionStatus>(conventions);
        StoreAsName<TriageState>(conventions);
        StoreAsName<GateVerdict>(conventions);
        StoreAsName<AlertEvent>(conventions);
        StoreAsName<WebhookFormat>(conventions);
        StoreAsName<WebhookDeliveryStatus>(conventions);
        StoreAsName<DeviceLabRole>(conventions);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model); // Identity's tables, keys and indexes
        FleetTables.Map(model);
        LeaseTables.Map(model);
        ModelTables.Map(model);
        SuiteTables.Map(model);
        RunTables.Map(model);
        ResultTables.Map(model);
        RegressionTables.Map(model);
        AuthTables.Map(model);
    }

    private static void StoreAsName<TEnum>(ModelConfigurationBuilder conventions) where TEnum : struct, Enum =>
        conventions.Properties<TEnum>().HaveConversion<SnakeCaseEnumConverter<TEnum>>().HaveMaxLength(32);
}
