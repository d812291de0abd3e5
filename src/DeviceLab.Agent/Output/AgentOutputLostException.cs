namespace DeviceLab.Agent.Output;

/// <summary>The event target failed (stdout closed: the server or adb went away). Nothing can be reported any more.</summary>
public sealed class AgentOutputLostException(Exception inner) : IOException($"the event stream is gone: {inner.Message}", inner);
