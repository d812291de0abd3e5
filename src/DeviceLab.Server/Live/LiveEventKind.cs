namespace DeviceLab.Server.Live;

/// <summary>The <c>k</c> of a NOTIFY envelope <c>{"k":"…","d":{…}}</c>: which lab hub message its payload is.</summary>
internal static class LiveEventKind
{
    public const string Device = "device";
    public const string Run = "run";
    public const string Job = "job";
    public const string Telemetry = "telemetry";
    public const string Tokens = "tokens";
    public const string Phase = "phase";
}
