using System.Globalization;

namespace DeviceLab.Server.Components.Formatting;

/// <summary>A duration for people: "850 ms", "42 s", "6 min 05 s", "2 h 14 min".</summary>
public static class DurationText
{
    public static string Of(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) duration = duration.Negate();
        if (duration < TimeSpan.FromSeconds(1)) return $"{(int)duration.TotalMilliseconds} ms";
        if (duration < TimeSpan.FromMinutes(1)) return duration.TotalSeconds.ToString(duration.TotalSeconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " s";
        if (duration < TimeSpan.FromHours(1)) return $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s";
        return $"{(int)duration.TotalHours} h {duration.Minutes:00} min";
    }
}
