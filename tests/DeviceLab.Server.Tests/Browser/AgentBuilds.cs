using DeviceLab.Testing;

namespace DeviceLab.Server.Tests.Browser;

/// <summary>The NativeAOT agent the virtual devices run: <c>artifacts/agent/&lt;rid&gt;/devicelab-agent</c>, published by
/// <c>./devicelab test</c> (or <c>./devicelab agent</c>) before the tests run. A test that needs a real run fails with that
/// instruction when it is missing, rather than spend minutes publishing it inside the test.</summary>
public static class AgentBuilds
{
    public static string Directory => Path.Combine(TestPaths.RepositoryRoot, "artifacts", "agent");

    public static void Require()
    {
        if (!File.Exists(Path.Combine(Directory, "linux-x64", "devicelab-agent")))
            throw new InvalidOperationException($"No agent build in {Directory}: run './devicelab agent' (./devicelab test does it) before this test.");
    }
}
