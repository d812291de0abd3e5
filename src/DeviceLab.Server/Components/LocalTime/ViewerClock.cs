using System.Globalization;

namespace DeviceLab.Server.Components.LocalTime;

/// <summary>
/// The viewer's time zone and "now": turns the UTC times DeviceLab stores into the viewer's local time.
/// Blazor Server renders on the server, whose zone is not the viewer's; the browser tells its zone once per
/// circuit (docs/decisions/0111-viewer-local-time.md). Until it has, times are shown in UTC and say so.
/// Immutable: a new zone is a new clock, so components that receive it re-render.
/// </summary>
public sealed class ViewerClock
{
    private ViewerClock(TimeZoneInfo zone, bool isKnown, TimeProvider time)
    {
        Zone = zone;
        IsKnown = isKnown;
        Time = time;
    }

    /// <summary>The viewer's zone, or UTC while it is unknown.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>True once the browser said which zone it is in (and the server knows that zone).</summary>
    public bool IsKnown { get; }

    public TimeProvider Time { get; }

    public static ViewerClock Utc(TimeProvider time) => new(TimeZoneInfo.Utc, false, time);

    /// <summary>The clock for an IANA zone id as browsers report it (e.g. <c>Europe/Berlin</c>); UTC when the id is
    /// empty or unknown to this server, with <see cref="IsKnown"/> false.</summary>
    public static ViewerClock ForZone(string? zoneId, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(zoneId) || zoneId.Length > 64) return Utc(time);
        try
        {
            return new ViewerClock(TimeZoneInfo.FindSystemTimeZoneById(zoneId.Trim()), true, time);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return Utc(time);
        }
    }

    public DateTimeOffset Now => ToLocal(Time.GetUtcNow());

    public DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>"2026-11-25 22:14" in the viewer's zone.</summary>
    public string Format(DateTimeOffset utc, bool seconds = false) =>
        ToLocal(utc).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The viewer's calendar date of a moment (nights in trends).</summary>
    public DateOnly Date(DateTimeOffset utc) => DateOnly.FromDateTime(ToLocal(utc).DateTime);

    /// <summary>"UTC+01:00 (Europe/Berlin)" at that moment, or "UTC" while the zone is unknown.</summary>
    public string ZoneName(DateTimeOffset utc) => IsKnown
        ? $"UTC{FormatOffset(Zone.GetUtcOffset(utc))} ({Zone.Id})"
        : "UTC";

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
