using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Models;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Agents;
using DeviceLab.Server.Runs.Execution;

namespace DeviceLab.Server.Tests.Agents;

/// <summary>The job a networked agent receives carries what ADB mode's command line carries; job ids parse strictly.</summary>
public sealed class NetworkJobsTests
{
    private static readonly string Sha = new('a', 64);

    [Fact]
    public void A_network_job_has_the_parameters_of_the_ADB_command_line_and_download_urls()
    {
        var parameters = new SuiteParameters(PromptTokens: 32, GeneratedTokens: 8, Threads: 0, Warmups: 2, Repetitions: 3,
            Admission: new AdmissionPolicy(MinBatteryPercent: 30, MaxBatteryPercent: 90, RequireNotCharging: true, MaxBatteryTemperatureC: 38, MaxWaitMs: 1500),
            EvaluationText: "the quick brown fox");
        var plan = Plan(parameters, new PlannedVariant(12, "v12-q4_0", QuantType.Q4_0, Sha, 1000), new PlannedVariant(11, "v11-f16", QuantType.F16, Sha, 4000));

        var job = NetworkJobs.Build(plan, telemetryIntervalMs: 250);

        Assert.Equal("7-2", job.JobId);
        Assert.Equal(["/api/v1/variants/12/file", "/api/v1/variants/11/file"], job.Variants.Select(v => v.DownloadUrl));
        Assert.Equal([1000L, 4000L], job.Variants.Select(v => v.SizeBytes));
        Assert.Equal("/api/v1/agent/jobs/7-2/evaluation-text", job.EvaluationTextUrl);
        var p = job.Parameters;
        Assert.Equal((32, 8, 3, 2, 1), (p.PromptTokens, p.GeneratedTokens, p.Repetitions, p.Warmups, p.Threads)); // 0 threads: the agent's default, as on the command line
        Assert.True(p.SimulatedPower);
        Assert.Equal("v11-f16", p.ReferenceVariant); // the most precise variant
        Assert.Equal(2000, p.Admission.TimeoutMs); // whole seconds, as --admission-timeout-s
        Assert.Equal(AdmissionTimeoutActions.Force, p.Admission.OnTimeout);
        Assert.Equal((30.0, 90.0, 38.0, true), (p.Admission.MinBatteryPercent, p.Admission.MaxBatteryPercent, p.Admission.MaxBatteryTemperatureC, p.Admission.RequireNotCharging));
    }

    [Fact]
    public void Without_admission_or_text_the_job_asks_for_neither()
    {
        var job = NetworkJobs.Build(Plan(new SuiteParameters(Threads: 4), new PlannedVariant(3, "v3-q8_0", QuantType.Q8_0, Sha, 10)), 100);

        Assert.True(job.Parameters.Admission.IsEmpty);
        Assert.Null(job.EvaluationTextUrl);
        Assert.Null(job.Parameters.ReferenceVariant);
        Assert.Equal(4, job.Parameters.Threads);
        Assert.Equal(100, job.Parameters.TelemetryIntervalMs);
    }

    [Theory]
    [InlineData("7-2", 7L, 2)]
    [InlineData("9000000000-1", 9_000_000_000L, 1)]
    public void Job_ids_round_trip(string text, long runJobId, int attempt)
    {
        Assert.Equal(new AgentJobId(runJobId, attempt), AgentJobId.Parse(text));
        Assert.Equal(text, new AgentJobId(runJobId, attempt).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("-7-2")]
    [InlineData("7--2")]
    [InlineData("7-0")]
    [InlineData("0-1")]
    [InlineData("7-2-3")]
    [InlineData(" 7-2")]
    [InlineData("+7-2")]
    [InlineData("7-99999999999")]
    public void Anything_else_is_not_a_job_id(string? text) => Assert.Null(AgentJobId.Parse(text));

    private static AttemptPlan Plan(SuiteParameters parameters, params PlannedVariant[] variants) =>
        new(RunId: 1, RunJobId: 7, Attempt: 2, DeviceId: 5, DeviceTransport.Network, "iphone-1", "host", "arm64-v8a", DeviceIsVirtual: true,
            DateTimeOffset.UnixEpoch, variants, parameters, new DeviceSelector(["ios"], []),
            new PhaseLimits(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
}
