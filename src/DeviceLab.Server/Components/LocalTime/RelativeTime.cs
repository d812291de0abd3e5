namespace DeviceLab.Server.Components.LocalTime;

/// <summary>"just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago", "in 4 min": how long ago something happened.</summary>
public static class RelativeTime
{
    public static string Describe(DateTimeOffset then, DateTimeOffset now)
    {
        var delta = now - then;
        var future = delta < TimeSpan.Zero;
        var span = delta.Duration();
        string amount;
        if (span < TimeSpan.FromSeconds(5)) return "just now";
        if (span < TimeSpan.FromMinutes(1)) amount = $"{(int)span.TotalSeconds} s";
        else if (span < TimeSpan.FromHours(1)) amount = $"{(int)span.TotalMinutes} min";
        else if (span < TimeSpan.FromDays(2)) amount = $"{(int)span.TotalHours} h";
        else amount = $"{(int)span.TotalDays} d";
        return future ? $"in {amount}" : $"{amount} ago";
    }
}
