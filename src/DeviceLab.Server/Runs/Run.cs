using DeviceLab.Core.Runs;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Suites;

namespace DeviceLab.Server.Runs;

/// <summary>
/// One execution of a suite (or of an ad-hoc matrix). It keeps a snapshot of what it ran — variants, device
/// selector, parameters — so later edits of the suite never change what its results mean.
/// </summary>
public sealed class Run
{
    public long Id { get; set; }

    /// <summary>The suite it came from; null for an ad-hoc run.</summary>
    public long? SuiteId { get; set; }
    public Suite? Suite { get; set; }

    public RunStatus Status { get; set; }
    public RunTrigger Trigger { get; set; }

    /// <summary>Who asked for it: a user name, an API key's name, or <c>schedule</c>.</summary>
    public string? RequestedBy { get; set; }

    public List<long> VariantIds { get; set; } = [];
    public DeviceSelector DeviceSelector { get; set; } = DeviceSelector.Everything;
    public SuiteParameters Parameters { get; set; } = SuiteParameters.Default;

    /// <summary>Set when a user asked to cancel the run.</summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }

    /// <summary>Who cancelled it and why, for people.</summary>
    public string? CancelReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public List<RunJob> Jobs { get; set; } = [];
}
