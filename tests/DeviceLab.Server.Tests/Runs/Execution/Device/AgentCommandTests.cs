using DeviceLab.Core.Suites;
using DeviceLab.Server.Runs.Execution.Device;

namespace DeviceLab.Server.Tests.Runs.Execution.Device;

/// <summary>The agent's command line: every argument quoted, the pid written by a fixed launcher, suite parameters as flags.</summary>
public sealed class AgentCommandTests
{
    [Fact]
    public void The_suites_parameters_become_agent_flags_and_every_argument_is_quoted()
    {
        var invocation = new AgentInvocation("/data/local/tmp/devicelab/agents/abc/devicelab-agent", "/data/local/tmp/devicelab/jobs/5-1/agent.pid",
            [new RemoteVariant("v7-q4_0", "/data/local/tmp/devicelab/variants/aa/model.gguf", new string('a', 64)),
             new RemoteVariant("v8-f16", "/data/local/tmp/devicelab/variants/bb/model.gguf", new string('b', 64))],
            new SuiteParameters(PromptTokens: 32, GeneratedTokens: 16, Threads: 0, Warmups: 1, Repetitions: 3,
                Admission: new AdmissionPolicy(MinBatteryPercent: 30, MaxBatteryPercent: 90, RequireNotCharging: true, MaxBatteryTemperatureC: 38.5, MaxWaitMs: 2500)),
            250, DeviceIsVirtual: true, "/data/local/tmp/devicelab/texts/cc/text.txt", "/data/local/tmp/devicelab/variants/bb/model.gguf");

        var command = AgentCommand.Build(invocation);
        var args = command.Arguments;

        Assert.Equal(["sh", "-c"], args.Take(2));
        Assert.Equal(invocation.PidFile, args[4]);
        Assert.Equal(invocation.AgentPath, args[5]);
        Assert.Equal("bench", args[6]);
        Assert.Equal(["--model", invocation.Variants[0].RemotePath, "--sha256", new string('a', 64), "--label", "v7-q4_0"], args.Skip(7).Take(6));
        string Value(string flag) => args[args.ToList().IndexOf(flag) + 1];
        Assert.Equal("32", Value("--prompt"));
        Assert.Equal("38.5", Value("--max-battery-temp-c"));
        Assert.Equal("3", Value("--admission-timeout-s")); // 2.5 s rounded up
        Assert.Equal("force", Value("--admission-on-timeout"));
        Assert.Contains("--require-not-charging", args);
        Assert.Contains("--simulated-power", args);
        Assert.DoesNotContain("--threads", args); // 0: the agent chooses
        Assert.Equal(invocation.ReferencePath, Value("--reference"));
        Assert.All(args, a => Assert.Contains(Adb.Shell.ShellQuoting.Quote(a), command.CommandLine));
    }
}
