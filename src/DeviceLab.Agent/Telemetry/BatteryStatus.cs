namespace DeviceLab.Agent.Telemetry;

/// <summary>Android's <c>power_supply/*/status</c> words.</summary>
public static class BatteryStatus
{
    /// <summary>Only "Charging" means current flows into the battery; "Not charging" (charging suspended) and "Full" do not.</summary>
    public static bool IsCharging(string status) => string.Equals(status.Trim(), "Charging", StringComparison.OrdinalIgnoreCase);
}
