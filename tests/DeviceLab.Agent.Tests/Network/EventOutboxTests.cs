using DeviceLab.Agent.Network;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Network;

public sealed class EventOutboxTests
{
    [Fact]
    public async Task Events_stay_until_acknowledged_and_drain_when_all_are()
    {
        var outbox = new EventOutbox("job-1");
        var events = new AgentEventStream(outbox, new AgentClock(TimeProvider.System));
        for (var i = 0; i < 5; i++) events.EmitNow(new ErrorEvent { Code = "c", Message = $"m{i}", Fatal = false });

        var firstBatch = outbox.Peek(3);
        Assert.Equal(3, firstBatch.Count);
        Assert.Equal(1, AgentEventParser.ParseEvent(firstBatch[0]).Seq);
        var drained = outbox.DrainedAsync(CancellationToken.None);

        outbox.Acknowledge(2);
        Assert.Equal(3, outbox.PendingCount);
        Assert.Equal(3, AgentEventParser.ParseEvent(outbox.Peek(1)[0]).Seq);
        Assert.False(drained.IsCompleted);

        outbox.Acknowledge(1); // a late, older ack changes nothing
        Assert.Equal(3, outbox.PendingCount);
        outbox.Acknowledge(5);
        await drained.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, outbox.PendingCount);
        Assert.Equal(5, outbox.LastSeq);
    }
}
