using System.Text.Json;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Core.Tests.AgentProtocol;

public sealed class AgentHubContractTests
{
    private static JsonSerializerOptions HubOptions()
    {
        var options = new JsonSerializerOptions();
        AgentProtocolJsonContext.Register(options);
        return options;
    }

    [Fact]
    public void Hub_payloads_round_trip_in_snake_case_with_the_registered_context()
    {
        var options = HubOptions();
        var job = new AgentJob("job-1", [new AgentJobVariant("q4_0", "/api/v1/variants/abc", new string('a', 64), 93_000_000)],
            new BenchParameters { PromptTokens = 128, GeneratedTokens = 64, Repetitions = 5, ReferenceVariant = "f16" }, "/eval.txt");

        var json = JsonSerializer.Serialize(job, options);
        var back = JsonSerializer.Deserialize<AgentJob>(json, options)!;

        Assert.Contains("\"job_id\":\"job-1\"", json);
        Assert.Contains("\"download_url\"", json);
        Assert.Contains("\"reference_variant\":\"f16\"", json);
        Assert.Equal(job.Parameters, back.Parameters with { Admission = job.Parameters.Admission });
        Assert.Equal(job.Variants, back.Variants);
        Assert.Equal(new AgentEventAck("job-1", 17), JsonSerializer.Deserialize<AgentEventAck>("""{"job_id":"job-1","stored_through_seq":17}""", options));
    }

    [Fact]
    public void Method_names_are_the_interface_names()
    {
        Assert.Equal("Register", AgentHubContract.Register);
        Assert.Equal("PublishEvents", AgentHubContract.PublishEvents);
        Assert.Equal("CompleteJob", AgentHubContract.CompleteJob);
        Assert.Equal("AssignJob", AgentHubContract.AssignJob);
        Assert.Equal("CancelJob", AgentHubContract.CancelJob);
        Assert.Equal("/hubs/agent", AgentHubContract.Path);
    }
}
