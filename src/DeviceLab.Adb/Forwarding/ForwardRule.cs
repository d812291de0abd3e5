namespace DeviceLab.Adb;

/// <summary>One forward (host socket → device socket) or reverse (device socket → host socket) rule.</summary>
/// <param name="Serial">The device as the lister names it (the reverse list names the device's side of the link).</param>
/// <param name="Local">The listening side's socket spec, e.g. <c>tcp:8080</c>.</param>
/// <param name="Remote">Where connections go, e.g. <c>tcp:80</c> or <c>localabstract:agent</c>.</param>
public sealed record ForwardRule(string Serial, string Local, string Remote);
